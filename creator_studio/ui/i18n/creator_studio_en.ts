<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Something went wrong: {summary}
The details were written to {path}.</source>
        <translation>Something went wrong: {summary}
The details were written to {path}.</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Error details</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Creator Studio</source>
        <translation>Creator Studio</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>Workspaces</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Creator Studio</source>
        <translation>&amp;About Creator Studio</translation>
    </message>
    <message>
        <source>About Creator Studio</source>
        <translation>About Creator Studio</translation>
    </message>
    <message>
        <source>Creator Studio turns PPT/Word into microcourses and runs the knowledge-IP market.</source>
        <translation>Creator Studio turns PPT/Word into microcourses and runs the knowledge-IP market.</translation>
    </message>
    <message>
        <source>The language changes the next time Creator Studio starts.</source>
        <translation>The language changes the next time Creator Studio starts.</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Signed in as {name} ({roles})</source>
        <translation>Signed in as {name} ({roles})</translation>
    </message>
    <message>
        <source>Request title</source>
        <translation>Request title</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>Business line</source>
        <translation>Business line</translation>
    </message>
    <message>
        <source>&amp;Business line:</source>
        <translation>&amp;Business line:</translation>
    </message>
    <message>
        <source>Forms wanted:</source>
        <translation>Forms wanted:</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>B&amp;udget:</source>
        <translation>B&amp;udget:</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>D&amp;escription:</translation>
    </message>
    <message>
        <source>Source files</source>
        <translation>Source files</translation>
    </message>
    <message>
        <source>Add &amp;source file…</source>
        <translation>Add &amp;source file…</translation>
    </message>
    <message>
        <source>Source files:</source>
        <translation>Source files:</translation>
    </message>
    <message>
        <source>&amp;Post the request</source>
        <translation>&amp;Post the request</translation>
    </message>
    <message>
        <source>Office documents (*.pptx *.docx);;All files (*)</source>
        <translation>Office documents (*.pptx *.docx);;All files (*)</translation>
    </message>
    <message>
        <source>Request #{id} is posted; certified makers can now make offers.</source>
        <translation>Request #{id} is posted; certified makers can now make offers.</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Offers</translation>
    </message>
    <message>
        <source>My requests</source>
        <translation>My requests</translation>
    </message>
    <message>
        <source>Offers on the selected request</source>
        <translation>Offers on the selected request</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>Maker</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Done orders</source>
        <translation>Done orders</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>{d} days</source>
        <translation>{d} days</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&amp;Award to the selected offer</source>
        <translation>&amp;Award to the selected offer</translation>
    </message>
    <message>
        <source>Select a request and one of its offers.</source>
        <translation>Select a request and one of its offers.</translation>
    </message>
    <message>
        <source>Award this offer?</source>
        <translation>Award this offer?</translation>
    </message>
    <message>
        <source>Awarded to {m}.</source>
        <translation>Awarded to {m}.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>My orders</source>
        <translation>My orders</translation>
    </message>
    <message>
        <source>Review the delivery</source>
        <translation>Review the delivery</translation>
    </message>
    <message>
        <source>Comments for the maker</source>
        <translation>Comments for the maker</translation>
    </message>
    <message>
        <source>&amp;Comments:</source>
        <translation>&amp;Comments:</translation>
    </message>
    <message>
        <source>Request &amp;revision</source>
        <translation>Request &amp;revision</translation>
    </message>
    <message>
        <source>&amp;Accept delivery</source>
        <translation>&amp;Accept delivery</translation>
    </message>
    <message>
        <source>Open a &amp;dispute</source>
        <translation>Open a &amp;dispute</translation>
    </message>
    <message>
        <source>Open a dispute about this order</source>
        <translation>Open a dispute about this order</translation>
    </message>
    <message>
        <source>Stars for the maker</source>
        <translation>Stars for the maker</translation>
    </message>
    <message>
        <source>Ra&amp;te the maker</source>
        <translation>Ra&amp;te the maker</translation>
    </message>
    <message>
        <source>Rating:</source>
        <translation>Rating:</translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation>Select an order first.</translation>
    </message>
    <message>
        <source>Revision requested.</source>
        <translation>Revision requested.</translation>
    </message>
    <message>
        <source>Dispute opened; staff will decide.</source>
        <translation>Dispute opened; staff will decide.</translation>
    </message>
    <message>
        <source>Accept the delivery?</source>
        <translation>Accept the delivery?</translation>
    </message>
    <message>
        <source>Delivery accepted.</source>
        <translation>Delivery accepted.</translation>
    </message>
    <message>
        <source>Thank you — your rating is recorded.</source>
        <translation>Thank you — your rating is recorded.</translation>
    </message>
    <message>
        <source>Post a request</source>
        <translation>Post a request</translation>
    </message>
    <message>
        <source>My requests &amp;&amp; offers</source>
        <translation>My requests &amp;&amp; offers</translation>
    </message>
    <message>
        <source>Orders &amp;&amp; review</source>
        <translation>Orders &amp;&amp; review</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Contest judging</source>
        <translation>Contest judging</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>Awarded</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Waiting on buyer</source>
        <translation>Waiting on buyer</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Revision requested</source>
        <translation>Revision requested</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Disputed</translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation>Cancel requested</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>First prize</source>
        <translation>First prize</translation>
    </message>
    <message>
        <source>Second prize</source>
        <translation>Second prize</translation>
    </message>
    <message>
        <source>Third prize</source>
        <translation>Third prize</translation>
    </message>
    <message>
        <source>Award of excellence</source>
        <translation>Award of excellence</translation>
    </message>
    <message>
        <source>Special prize</source>
        <translation>Special prize</translation>
    </message>
    <message>
        <source>Enrolled: training</source>
        <translation>Enrolled: training</translation>
    </message>
    <message>
        <source>Training done: exam next</source>
        <translation>Training done: exam next</translation>
    </message>
    <message>
        <source>Exam passed: practical course next</source>
        <translation>Exam passed: practical course next</translation>
    </message>
    <message>
        <source>Practical course submitted: waiting for review</source>
        <translation>Practical course submitted: waiting for review</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Certified</source>
        <translation>Certified</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>1. Apply: the forms you want to be certified for</source>
        <translation>1. Apply: the forms you want to be certified for</translation>
    </message>
    <message>
        <source>&amp;Apply for certification</source>
        <translation>&amp;Apply for certification</translation>
    </message>
    <message>
        <source>2. Training modules (courses on the learning platform)</source>
        <translation>2. Training modules (courses on the learning platform)</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>Training modules</source>
        <translation>Training modules</translation>
    </message>
    <message>
        <source>&amp;Open the course link</source>
        <translation>&amp;Open the course link</translation>
    </message>
    <message>
        <source>&amp;Mark the selected module done</source>
        <translation>&amp;Mark the selected module done</translation>
    </message>
    <message>
        <source>3. Exam</source>
        <translation>3. Exam</translation>
    </message>
    <message>
        <source>&amp;Start the exam</source>
        <translation>&amp;Start the exam</translation>
    </message>
    <message>
        <source>S&amp;ubmit my answers</source>
        <translation>S&amp;ubmit my answers</translation>
    </message>
    <message>
        <source>4. Practical course (checked against the upload norms)</source>
        <translation>4. Practical course (checked against the upload norms)</translation>
    </message>
    <message>
        <source>Submit a &amp;rendered package folder…</source>
        <translation>Submit a &amp;rendered package folder…</translation>
    </message>
    <message>
        <source>5. Review and certificate</source>
        <translation>5. Review and certificate</translation>
    </message>
    <message>
        <source>Export &amp;PDF</source>
        <translation>Export &amp;PDF</translation>
    </message>
    <message>
        <source>Export Open &amp;Badge</source>
        <translation>Export Open &amp;Badge</translation>
    </message>
    <message>
        <source>There is no certification programme yet.</source>
        <translation>There is no certification programme yet.</translation>
    </message>
    <message>
        <source>Programme: {title} (version {v}), covering {forms}.</source>
        <translation>Programme: {title} (version {v}), covering {forms}.</translation>
    </message>
    <message>
        <source>You have not applied yet.</source>
        <translation>You have not applied yet.</translation>
    </message>
    <message>
        <source>Your application #{id} for {forms}: {status}.</source>
        <translation>Your application #{id} for {forms}: {status}.</translation>
    </message>
    <message>
        <source>{size} questions drawn from the bank; pass mark {mark}%; attempts used {used}, left {left}; {days} days of cooling-off after a failed attempt.</source>
        <translation>{size} questions drawn from the bank; pass mark {mark}%; attempts used {used}, left {left}; {days} days of cooling-off after a failed attempt.</translation>
    </message>
    <message>
        <source>Apply for {form}</source>
        <translation>Apply for {form}</translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment: {c}</source>
        <translation>Reviewer&apos;s comment: {c}</translation>
    </message>
    <message>
        <source>Your practical course is waiting for the staff&apos;s review.</source>
        <translation>Your practical course is waiting for the staff&apos;s review.</translation>
    </message>
    <message>
        <source>No certificate yet.</source>
        <translation>No certificate yet.</translation>
    </message>
    <message>
        <source>Certificate {number} ({status}) for {forms}, issued {issued}, valid until {expires}.
Verification code: {code}</source>
        <translation>Certificate {number} ({status}) for {forms}, issued {issued}, valid until {expires}.
Verification code: {code}</translation>
    </message>
    <message>
        <source>Apply for certification first.</source>
        <translation>Apply for certification first.</translation>
    </message>
    <message>
        <source>Application sent.</source>
        <translation>Application sent.</translation>
    </message>
    <message>
        <source>Select a module first.</source>
        <translation>Select a module first.</translation>
    </message>
    <message>
        <source>Question {n}</source>
        <translation>Question {n}</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>not passed</translation>
    </message>
    <message>
        <source>Score {score}% (pass mark {mark}%): {verdict}.</source>
        <translation>Score {score}% (pass mark {mark}%): {verdict}.</translation>
    </message>
    <message>
        <source>Attempts left: {n}.</source>
        <translation>Attempts left: {n}.</translation>
    </message>
    <message>
        <source>Choose the rendered package folder</source>
        <translation>Choose the rendered package folder</translation>
    </message>
    <message>
        <source>Practical course submitted for review.</source>
        <translation>Practical course submitted for review.</translation>
    </message>
    <message>
        <source>Export the certificate as PDF</source>
        <translation>Export the certificate as PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the certificate as an Open Badge</source>
        <translation>Export the certificate as an Open Badge</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>Written to {path}.</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>Not chosen</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Screen recording</source>
        <translation>Screen recording</translation>
    </message>
    <message>
        <source>Business line filter</source>
        <translation>Business line filter</translation>
    </message>
    <message>
        <source>All business lines</source>
        <translation>All business lines</translation>
    </message>
    <message>
        <source>Course form filter</source>
        <translation>Course form filter</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>All forms</translation>
    </message>
    <message>
        <source>Minimum budget</source>
        <translation>Minimum budget</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>Latest deadline</source>
        <translation>Latest deadline</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>Line:</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <source>Budget at least:</source>
        <translation>Budget at least:</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <source>Make an offer on the selected request</source>
        <translation>Make an offer on the selected request</translation>
    </message>
    <message>
        <source>Offer price</source>
        <translation>Offer price</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Delivery time in days</source>
        <translation>Delivery time in days</translation>
    </message>
    <message>
        <source>Message to the buyer</source>
        <translation>Message to the buyer</translation>
    </message>
    <message>
        <source>&amp;Price:</source>
        <translation>&amp;Price:</translation>
    </message>
    <message>
        <source>&amp;Delivery time:</source>
        <translation>&amp;Delivery time:</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Message:</translation>
    </message>
    <message>
        <source>Send &amp;offer</source>
        <translation>Send &amp;offer</translation>
    </message>
    <message>
        <source>Read the &amp;brief…</source>
        <translation>Read the &amp;brief…</translation>
    </message>
    <message>
        <source>Read the brief of the selected request</source>
        <translation>Read the brief of the selected request</translation>
    </message>
    <message>
        <source>Select a request first.</source>
        <translation>Select a request first.</translation>
    </message>
    <message>
        <source>Request #{id}</source>
        <translation>Request #{id}</translation>
    </message>
    <message>
        <source>Offer sent.</source>
        <translation>Offer sent.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>My certificates</source>
        <translation>My certificates</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <source>Earnings</source>
        <translation>Earnings</translation>
    </message>
    <message>
        <source>Accepted orders</source>
        <translation>Accepted orders</translation>
    </message>
    <message>
        <source>Distinct buyers</source>
        <translation>Distinct buyers</translation>
    </message>
    <message>
        <source>Average rating</source>
        <translation>Average rating</translation>
    </message>
    <message>
        <source>On-time delivery</source>
        <translation>On-time delivery</translation>
    </message>
    <message>
        <source>First-pass acceptance</source>
        <translation>First-pass acceptance</translation>
    </message>
    <message>
        <source>Learner NPS</source>
        <translation>Learner NPS</translation>
    </message>
    <message>
        <source>Disputes decided against you</source>
        <translation>Disputes decided against you</translation>
    </message>
    <message>
        <source>Earnings and ratings by month</source>
        <translation>Earnings and ratings by month</translation>
    </message>
    <message>
        <source>Average rating (★)</source>
        <translation>Average rating (★)</translation>
    </message>
    <message>
        <source>Earnings ({symbol})</source>
        <translation>Earnings ({symbol})</translation>
    </message>
    <message>
        <source>No earnings or ratings yet: they appear here month by month.</source>
        <translation>No earnings or ratings yet: they appear here month by month.</translation>
    </message>
    <message>
        <source>Hello, {name}</source>
        <translation>Hello, {name}</translation>
    </message>
    <message>
        <source>Progress to the next level</source>
        <translation>Progress to the next level</translation>
    </message>
    <message>
        <source>What the next level needs</source>
        <translation>What the next level needs</translation>
    </message>
    <message>
        <source>Earnings and ratings, last 6 months</source>
        <translation>Earnings and ratings, last 6 months</translation>
    </message>
    <message>
        <source>no ratings yet</source>
        <translation>no ratings yet</translation>
    </message>
    <message>
        <source>{avg} ★ from {n} ratings</source>
        <translation>{avg} ★ from {n} ratings</translation>
    </message>
    <message>
        <source>Rating: {rating} · accepted orders: {done}</source>
        <translation>Rating: {rating} · accepted orders: {done}</translation>
    </message>
    <message>
        <source>Level: {name} (pay ×{mult}) — the top level</source>
        <translation>Level: {name} (pay ×{mult}) — the top level</translation>
    </message>
    <message>
        <source>Top level</source>
        <translation>Top level</translation>
    </message>
    <message>
        <source>Level: {name} (pay ×{mult}) → next: {next}</source>
        <translation>Level: {name} (pay ×{mult}) → next: {next}</translation>
    </message>
    <message>
        <source>{p}% of the way to {next}</source>
        <translation>{p}% of the way to {next}</translation>
    </message>
    <message>
        <source>(not enough data: {have} of {need})</source>
        <translation>(not enough data: {have} of {need})</translation>
    </message>
    <message>
        <source>For the next level: {gap}</source>
        <translation>For the next level: {gap}</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>{avg} ★ from 1 rating</source>
        <translation>{avg} ★ from 1 rating</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <source>Des&amp;ktop</source>
        <translation>Des&amp;ktop</translation>
    </message>
    <message>
        <source>Video position</source>
        <translation>Video position</translation>
    </message>
    <message>
        <source>Video time</source>
        <translation>Video time</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>What to do next</translation>
    </message>
    <message>
        <source>No open request matches your certified forms and these filters right now. New requests appear here by themselves.</source>
        <translation>No open request matches your certified forms and these filters right now. New requests appear here by themselves.</translation>
    </message>
    <message>
        <source>Only certified makers see the open requests. Get certified in “My certification”: apply, finish the training, pass the exam and submit a practical course.</source>
        <translation>Only certified makers see the open requests. Get certified in “My certification”: apply, finish the training, pass the exam and submit a practical course.</translation>
    </message>
    <message>
        <source>Contest</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>Award</translation>
    </message>
    <message>
        <source>Awarded on</source>
        <translation>Awarded on</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Credential</translation>
    </message>
    <message>
        <source>My contest awards</source>
        <translation>My contest awards</translation>
    </message>
    <message>
        <source> (1 review pending reveal)</source>
        <translation> (1 review pending reveal)</translation>
    </message>
    <message>
        <source> ({n} reviews pending reveal)</source>
        <translation> ({n} reviews pending reveal)</translation>
    </message>
    <message>
        <source>NPS {v:+d} from 1 learner</source>
        <translation>NPS {v:+d} from 1 learner</translation>
    </message>
    <message>
        <source>No order to deliver yet: orders you win in the market appear here. Render the course in the studio, then deliver it from this tab.</source>
        <translation>No order to deliver yet: orders you win in the market appear here. Render the course in the studio, then deliver it from this tab.</translation>
    </message>
    <message>
        <source>You hold certificate {number} for {forms}, valid until {expires}.</source>
        <translation>You hold certificate {number} for {forms}, valid until {expires}.</translation>
    </message>
    <message>
        <source>NPS shown from {m} learner answers ({n} so far)</source>
        <translation>NPS shown from {m} learner answers ({n} so far)</translation>
    </message>
    <message>
        <source>NPS {v:+d} from {n} learners</source>
        <translation>NPS {v:+d} from {n} learners</translation>
    </message>
    <message>
        <source>Rating: {rating}. {nps}. Accepted orders: {done} ({late} late).</source>
        <translation>Rating: {rating}. {nps}. Accepted orders: {done} ({late} late).</translation>
    </message>
    <message>
        <source>Level: not evaluated yet.</source>
        <translation>Level: not evaluated yet.</translation>
    </message>
    <message>
        <source>nothing — top level</source>
        <translation>nothing — top level</translation>
    </message>
    <message>
        <source>Level: {name} (pay ×{mult}). Why: {reasons}
For the next level: {gap}</source>
        <translation>Level: {name} (pay ×{mult}). Why: {reasons}
For the next level: {gap}</translation>
    </message>
    <message>
        <source>Request market</source>
        <translation>Request market</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>My offers</source>
        <translation>My offers</translation>
    </message>
    <message>
        <source>&amp;Withdraw the selected offer</source>
        <translation>&amp;Withdraw the selected offer</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>late</source>
        <translation>late</translation>
    </message>
    <message>
        <source>My record &amp;&amp; level</source>
        <translation>My record &amp;&amp; level</translation>
    </message>
    <message>
        <source>My certification</source>
        <translation>My certification</translation>
    </message>
    <message>
        <source>Contests</source>
        <translation>Contests</translation>
    </message>
    <message>
        <source>Select an offer first.</source>
        <translation>Select an offer first.</translation>
    </message>
    <message>
        <source>Choose the order this course is for. The rendered forms and their norms report are delivered together.</source>
        <translation>Choose the order this course is for. The rendered forms and their norms report are delivered together.</translation>
    </message>
    <message>
        <source>Orders to deliver</source>
        <translation>Orders to deliver</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>Delivery note</translation>
    </message>
    <message>
        <source>&amp;Note to the buyer:</source>
        <translation>&amp;Note to the buyer:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Deliver to the selected order</source>
        <translation>&amp;Deliver to the selected order</translation>
    </message>
    <message>
        <source>Render the course first.</source>
        <translation>Render the course first.</translation>
    </message>
    <message>
        <source>Delivered as delivery #{id}.</source>
        <translation>Delivered as delivery #{id}.</translation>
    </message>
    <message>
        <source>Refused by the norms check:</source>
        <translation>Refused by the norms check:</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Select a dispute to see its case file.</source>
        <translation>Select a dispute to see its case file.</translation>
    </message>
    <message>
        <source>Order terms and the dispute</source>
        <translation>Order terms and the dispute</translation>
    </message>
    <message>
        <source>Timeline and messages</source>
        <translation>Timeline and messages</translation>
    </message>
    <message>
        <source>Delivered versions and norms reports</source>
        <translation>Delivered versions and norms reports</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Attempt</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Norms</source>
        <translation>Norms</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>blocked</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>Handed in</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Delivery attempts</source>
        <translation>Delivery attempts</translation>
    </message>
    <message>
        <source>Norms findings of the selected delivery</source>
        <translation>Norms findings of the selected delivery</translation>
    </message>
    <message>
        <source>Review comments</source>
        <translation>Review comments</translation>
    </message>
    <message>
        <source>Review comments of the order</source>
        <translation>Review comments of the order</translation>
    </message>
    <message>
        <source>Change orders</source>
        <translation>Change orders</translation>
    </message>
    <message>
        <source>Change orders of the order</source>
        <translation>Change orders of the order</translation>
    </message>
    <message>
        <source>Buyer {b} · maker {m} · price {p} · due {due}{late} · revisions {u}/{n}</source>
        <translation>Buyer {b} · maker {m} · price {p} · due {due}{late} · revisions {u}/{n}</translation>
    </message>
    <message>
        <source>(late)</source>
        <translation>(late)</translation>
    </message>
    <message>
        <source>Dispute opened by {who}: {why}</source>
        <translation>Dispute opened by {who}: {why}</translation>
    </message>
    <message>
        <source>Brief: {forms}; budget {b}; {desc}</source>
        <translation>Brief: {forms}; budget {b}; {desc}</translation>
    </message>
    <message>
        <source>Pending change order: {d} ({p}, +{days} days)</source>
        <translation>Pending change order: {d} ({p}, +{days} days)</translation>
    </message>
    <message>
        <source>: {d} ({p}, +{days} days, +{r} rounds)</source>
        <translation>: {d} ({p}, +{days} days, +{r} rounds)</translation>
    </message>
    <message>
        <source>No change orders.</source>
        <translation>No change orders.</translation>
    </message>
    <message>
        <source>No findings recorded.</source>
        <translation>No findings recorded.</translation>
    </message>
    <message>
        <source>No open disputes.</source>
        <translation>No open disputes.</translation>
    </message>
    <message>
        <source>Select an application to see its evidence.</source>
        <translation>Select an application to see its evidence.</translation>
    </message>
    <message>
        <source>Exam and training evidence</source>
        <translation>Exam and training evidence</translation>
    </message>
    <message>
        <source>Norms report of the practical course</source>
        <translation>Norms report of the practical course</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>unfinished</translation>
    </message>
    <message>
        <source>Exam: best {best}% (pass mark {pm}%), {n} of {m} attempts: {scores}</source>
        <translation>Exam: best {best}% (pass mark {pm}%), {n} of {m} attempts: {scores}</translation>
    </message>
    <message>
        <source>Training: {n} of {m} modules done</source>
        <translation>Training: {n} of {m} modules done</translation>
    </message>
    <message>
        <source>Due to the maker</source>
        <translation>Due to the maker</translation>
    </message>
    <message>
        <source>Accepted orders to pay</source>
        <translation>Accepted orders to pay</translation>
    </message>
    <message>
        <source>&amp;Mark paid</source>
        <translation>&amp;Mark paid</translation>
    </message>
    <message>
        <source>Mark the selected order paid</source>
        <translation>Mark the selected order paid</translation>
    </message>
    <message>
        <source>Mark this order paid?</source>
        <translation>Mark this order paid?</translation>
    </message>
    <message>
        <source>Order #{id} is marked paid.</source>
        <translation>Order #{id} is marked paid.</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>Practical courses waiting for review</source>
        <translation>Practical courses waiting for review</translation>
    </message>
    <message>
        <source>Review comment</source>
        <translation>Review comment</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Comment:</translation>
    </message>
    <message>
        <source>&amp;Approve and issue certificate</source>
        <translation>&amp;Approve and issue certificate</translation>
    </message>
    <message>
        <source>&amp;Reject with comment</source>
        <translation>&amp;Reject with comment</translation>
    </message>
    <message>
        <source>Select an application first.</source>
        <translation>Select an application first.</translation>
    </message>
    <message>
        <source>Application #{id}: {status}</source>
        <translation>Application #{id}: {status}</translation>
    </message>
    <message>
        <source>Programme title</source>
        <translation>Programme title</translation>
    </message>
    <message>
        <source>Certificate may cover {form}</source>
        <translation>Certificate may cover {form}</translation>
    </message>
    <message>
        <source>Forms covered:</source>
        <translation>Forms covered:</translation>
    </message>
    <message>
        <source>Exam size</source>
        <translation>Exam size</translation>
    </message>
    <message>
        <source> questions</source>
        <translation> questions</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <source>Exam attempts</source>
        <translation>Exam attempts</translation>
    </message>
    <message>
        <source>Cooling-off days</source>
        <translation>Cooling-off days</translation>
    </message>
    <message>
        <source>Validity in days</source>
        <translation>Validity in days</translation>
    </message>
    <message>
        <source>E&amp;xam size:</source>
        <translation>E&amp;xam size:</translation>
    </message>
    <message>
        <source>Pass &amp;mark:</source>
        <translation>Pass &amp;mark:</translation>
    </message>
    <message>
        <source>Attem&amp;pts:</source>
        <translation>Attem&amp;pts:</translation>
    </message>
    <message>
        <source>&amp;Cooling-off after a failure:</source>
        <translation>&amp;Cooling-off after a failure:</translation>
    </message>
    <message>
        <source>&amp;Validity:</source>
        <translation>&amp;Validity:</translation>
    </message>
    <message>
        <source>Training modules (id, title, link on the learning platform):</source>
        <translation>Training modules (id, title, link on the learning platform):</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>&amp;Add module</source>
        <translation>&amp;Add module</translation>
    </message>
    <message>
        <source>Remove the selected mo&amp;dule</source>
        <translation>Remove the selected mo&amp;dule</translation>
    </message>
    <message>
        <source>Question bank (JSON: a list of questions with id, stem, options and answers; answers are option indexes from 0):</source>
        <translation>Question bank (JSON: a list of questions with id, stem, options and answers; answers are option indexes from 0):</translation>
    </message>
    <message>
        <source>Question bank as JSON</source>
        <translation>Question bank as JSON</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <source>&amp;Save programme</source>
        <translation>&amp;Save programme</translation>
    </message>
    <message>
        <source>No programme yet: saving creates version 1.</source>
        <translation>No programme yet: saving creates version 1.</translation>
    </message>
    <message>
        <source>Certificates were issued under v{v}; saving creates v{next}.</source>
        <translation>Certificates were issued under v{v}; saving creates v{next}.</translation>
    </message>
    <message>
        <source>No certificate issued under v{v} yet: saving changes it in place.</source>
        <translation>No certificate issued under v{v} yet: saving changes it in place.</translation>
    </message>
    <message>
        <source>Current version: v{v}.</source>
        <translation>Current version: v{v}.</translation>
    </message>
    <message>
        <source>Saved as a new version v{v}; certificates issued under v{old} keep their criteria.</source>
        <translation>Saved as a new version v{v}; certificates issued under v{old} keep their criteria.</translation>
    </message>
    <message>
        <source>Saved (version v{v}).</source>
        <translation>Saved (version v{v}).</translation>
    </message>
    <message>
        <source>&amp;Publish as a new version</source>
        <translation>&amp;Publish as a new version</translation>
    </message>
    <message>
        <source>Published (version {v}).</source>
        <translation>Published (version {v}).</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>Sus&amp;pend</source>
        <translation>Sus&amp;pend</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>Re&amp;voke</translation>
    </message>
    <message>
        <source>Rein&amp;state</source>
        <translation>Rein&amp;state</translation>
    </message>
    <message>
        <source>Select a certificate first.</source>
        <translation>Select a certificate first.</translation>
    </message>
    <message>
        <source>Change this certificate?</source>
        <translation>Change this certificate?</translation>
    </message>
    <message>
        <source>{number}: {status}. Open orders to review: {n}.</source>
        <translation>{number}: {status}. Open orders to review: {n}.</translation>
    </message>
    <message>
        <source>Issue the certificate?</source>
        <translation>Issue the certificate?</translation>
    </message>
    <message>
        <source>Reject the practical course?</source>
        <translation>Reject the practical course?</translation>
    </message>
    <message>
        <source>Open disputes</source>
        <translation>Open disputes</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Accept the delivery</source>
        <translation>Accept the delivery</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>Cancel the order</translation>
    </message>
    <message>
        <source>Resume the work</source>
        <translation>Resume the work</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Payout</translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation>Reason for the decision</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <source>&amp;Payout:</source>
        <translation>&amp;Payout:</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>R&amp;eason:</translation>
    </message>
    <message>
        <source>Re&amp;solve dispute</source>
        <translation>Re&amp;solve dispute</translation>
    </message>
    <message>
        <source>Select a dispute first.</source>
        <translation>Select a dispute first.</translation>
    </message>
    <message>
        <source>Resolve the dispute?</source>
        <translation>Resolve the dispute?</translation>
    </message>
    <message>
        <source>Resolved.</source>
        <translation>Resolved.</translation>
    </message>
    <message>
        <source>&amp;Period (YYYY-MM):</source>
        <translation>&amp;Period (YYYY-MM):</translation>
    </message>
    <message>
        <source>Evaluation period</source>
        <translation>Evaluation period</translation>
    </message>
    <message>
        <source>&amp;Run evaluation</source>
        <translation>&amp;Run evaluation</translation>
    </message>
    <message>
        <source>&amp;Show stored results</source>
        <translation>&amp;Show stored results</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>promoted</source>
        <translation>promoted</translation>
    </message>
    <message>
        <source>demoted</source>
        <translation>demoted</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>kept</translation>
    </message>
    <message>
        <source>kept, at risk</source>
        <translation>kept, at risk</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>At risk</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>Overridden</source>
        <translation>Overridden</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>Before and after</translation>
    </message>
    <message>
        <source>Override the selected maker&apos;s level</source>
        <translation>Override the selected maker&apos;s level</translation>
    </message>
    <message>
        <source>New level</source>
        <translation>New level</translation>
    </message>
    <message>
        <source>Reason for the override</source>
        <translation>Reason for the override</translation>
    </message>
    <message>
        <source>&amp;Override</source>
        <translation>&amp;Override</translation>
    </message>
    <message>
        <source>&amp;Export pay statements…</source>
        <translation>&amp;Export pay statements…</translation>
    </message>
    <message>
        <source>Select a maker first.</source>
        <translation>Select a maker first.</translation>
    </message>
    <message>
        <source>Export pay statements</source>
        <translation>Export pay statements</translation>
    </message>
    <message>
        <source>Pay statements for 1 maker written to {path}.</source>
        <translation>Pay statements for 1 maker written to {path}.</translation>
    </message>
    <message>
        <source>Must fix</source>
        <translation>Must fix</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>To fix</source>
        <translation>To fix</translation>
    </message>
    <message>
        <source>Done by maker</source>
        <translation>Done by maker</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>addressed in v{n}</source>
        <translation>addressed in v{n}</translation>
    </message>
    <message>
        <source>not yet (carried to v{n})</source>
        <translation>not yet (carried to v{n})</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Addressed</source>
        <translation>Addressed</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Page: click where the comment belongs</source>
        <translation>Page: click where the comment belongs</translation>
    </message>
    <message>
        <source>Re&amp;solve</source>
        <translation>Re&amp;solve</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Re&amp;open</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Mark &amp;done</translation>
    </message>
    <message>
        <source>&amp;Undo done</source>
        <translation>&amp;Undo done</translation>
    </message>
    <message>
        <source>&amp;Go to the page</source>
        <translation>&amp;Go to the page</translation>
    </message>
    <message>
        <source>Show the comment&apos;s page in the studio</source>
        <translation>Show the comment&apos;s page in the studio</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Export the review as CSV or XLSX</source>
        <translation>Export the review as CSV or XLSX</translation>
    </message>
    <message>
        <source>Select a comment first.</source>
        <translation>Select a comment first.</translation>
    </message>
    <message>
        <source>This comment is not on a page ({w}).</source>
        <translation>This comment is not on a page ({w}).</translation>
    </message>
    <message>
        <source>Export the review</source>
        <translation>Export the review</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to {p}</source>
        <translation>Exported to {p}</translation>
    </message>
    <message>
        <source>Select an order with a delivery to review it.</source>
        <translation>Select an order with a delivery to review it.</translation>
    </message>
    <message>
        <source>Pin a comment</source>
        <translation>Pin a comment</translation>
    </message>
    <message>
        <source>What the comment is about</source>
        <translation>What the comment is about</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>On:</translation>
    </message>
    <message>
        <source>Pages of the delivered course</source>
        <translation>Pages of the delivered course</translation>
    </message>
    <message>
        <source>Video time in seconds</source>
        <translation>Video time in seconds</translation>
    </message>
    <message>
        <source>Use the player&apos;s &amp;position</source>
        <translation>Use the player&apos;s &amp;position</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Time:</translation>
    </message>
    <message>
        <source>Lines of the skit</source>
        <translation>Lines of the skit</translation>
    </message>
    <message>
        <source>A comment on the delivery as a whole.</source>
        <translation>A comment on the delivery as a whole.</translation>
    </message>
    <message>
        <source>Comment text</source>
        <translation>Comment text</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>Se&amp;verity:</translation>
    </message>
    <message>
        <source>Co&amp;mment:</source>
        <translation>Co&amp;mment:</translation>
    </message>
    <message>
        <source>&amp;Pin the comment</source>
        <translation>&amp;Pin the comment</translation>
    </message>
    <message>
        <source>Comments on this order (carried over between versions)</source>
        <translation>Comments on this order (carried over between versions)</translation>
    </message>
    <message>
        <source>Note for the revision</source>
        <translation>Note for the revision</translation>
    </message>
    <message>
        <source>Note for the maker (optional)</source>
        <translation>Note for the maker (optional)</translation>
    </message>
    <message>
        <source>Request a revision with the open comments</source>
        <translation>Request a revision with the open comments</translation>
    </message>
    <message>
        <source>Order #{id} — reviewing version v{v}</source>
        <translation>Order #{id} — reviewing version v{v}</translation>
    </message>
    <message>
        <source>A page of the {f}</source>
        <translation>A page of the {f}</translation>
    </message>
    <message>
        <source>A time in the {f} video</source>
        <translation>A time in the {f} video</translation>
    </message>
    <message>
        <source>A line of the skit</source>
        <translation>A line of the skit</translation>
    </message>
    <message>
        <source>The delivery as a whole</source>
        <translation>The delivery as a whole</translation>
    </message>
    <message>
        <source>Position: {x}% across, {y}% down</source>
        <translation>Position: {x}% across, {y}% down</translation>
    </message>
    <message>
        <source>Select an order with a delivery first.</source>
        <translation>Select an order with a delivery first.</translation>
    </message>
    <message>
        <source>Choose a page first.</source>
        <translation>Choose a page first.</translation>
    </message>
    <message>
        <source>Choose a line first.</source>
        <translation>Choose a line first.</translation>
    </message>
    <message>
        <source>Comment #{id} pinned at {w}.</source>
        <translation>Comment #{id} pinned at {w}.</translation>
    </message>
    <message>
        <source>Revision requested with {n} open comment(s).</source>
        <translation>Revision requested with {n} open comment(s).</translation>
    </message>
    <message>
        <source>Order whose comments are shown</source>
        <translation>Order whose comments are shown</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Order:</translation>
    </message>
    <message>
        <source>{n} comment(s), {p} still to fix; pages with open comments carry a red badge.</source>
        <translation>{n} comment(s), {p} still to fix; pages with open comments carry a red badge.</translation>
    </message>
    <message>
        <source>Pay statements for {n} makers written to {path}.</source>
        <translation>Pay statements for {n} makers written to {path}.</translation>
    </message>
    <message>
        <source>1 maker: {up} promoted, {down} demoted, {kept} kept.</source>
        <translation>1 maker: {up} promoted, {down} demoted, {kept} kept.</translation>
    </message>
    <message>
        <source>{n} makers: {up} promoted, {down} demoted, {kept} kept.</source>
        <translation>{n} makers: {up} promoted, {down} demoted, {kept} kept.</translation>
    </message>
    <message>
        <source>Orders per month</source>
        <translation>Orders per month</translation>
    </message>
    <message>
        <source>Orders per business line</source>
        <translation>Orders per business line</translation>
    </message>
    <message>
        <source>Turnaround (days from award to acceptance)</source>
        <translation>Turnaround (days from award to acceptance)</translation>
    </message>
    <message>
        <source>Buyer ratings</source>
        <translation>Buyer ratings</translation>
    </message>
    <message>
        <source>Learner NPS answers (0–10)</source>
        <translation>Learner NPS answers (0–10)</translation>
    </message>
    <message>
        <source>Makers per level</source>
        <translation>Makers per level</translation>
    </message>
    <message>
        <source>Upload norms (versioned; checked on every delivery)</source>
        <translation>Upload norms (versioned; checked on every delivery)</translation>
    </message>
    <message>
        <source>Grade rules: levels, thresholds, pay multipliers</source>
        <translation>Grade rules: levels, thresholds, pay multipliers</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Certification queue</source>
        <translation>Certification queue</translation>
    </message>
    <message>
        <source>Certification programme</source>
        <translation>Certification programme</translation>
    </message>
    <message>
        <source>Grade rules</source>
        <translation>Grade rules</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>Disputes</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Operations</translation>
    </message>
    <message>
        <source>Turn PPT/Word into microcourses, deliver them through the market.</source>
        <translation>Turn PPT/Word into microcourses, deliver them through the market.</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>Login name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Sign-in message</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Preparing the database…</source>
        <translation>Preparing the database…</translation>
    </message>
    <message>
        <source>Load the &amp;demo scenario</source>
        <translation>Load the &amp;demo scenario</translation>
    </message>
    <message>
        <source>Load the demo scenario</source>
        <translation>Load the demo scenario</translation>
    </message>
    <message>
        <source>Preparing the database</source>
        <translation>Preparing the database</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>The database could not be opened.</translation>
    </message>
    <message>
        <source>This is a new, empty database. Load the demo scenario to try Creator Studio as a sample maker, buyer or staff member.</source>
        <translation>This is a new, empty database. Load the demo scenario to try Creator Studio as a sample maker, buyer or staff member.</translation>
    </message>
    <message>
        <source>Database ready: {n} accounts.</source>
        <translation>Database ready: {n} accounts.</translation>
    </message>
    <message>
        <source>Sample accounts (demo):</source>
        <translation>Sample accounts (demo):</translation>
    </message>
    <message>
        <source>Sign in as {name} ({role})</source>
        <translation>Sign in as {name} ({role})</translation>
    </message>
    <message>
        <source>Loading the demo scenario</source>
        <translation>Loading the demo scenario</translation>
    </message>
    <message>
        <source>Enter your login name and password.</source>
        <translation>Enter your login name and password.</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Signing in</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Edit text block</source>
        <translation>Edit text block</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Remove row</translation>
    </message>
    <message>
        <source>Edit cell</source>
        <translation>Edit cell</translation>
    </message>
    <message>
        <source>Title length</source>
        <translation>Title length</translation>
    </message>
    <message>
        <source>Cover / title card</source>
        <translation>Cover / title card</translation>
    </message>
    <message>
        <source>Video length</source>
        <translation>Video length</translation>
    </message>
    <message>
        <source>Video resolution</source>
        <translation>Video resolution</translation>
    </message>
    <message>
        <source>Video encoding</source>
        <translation>Video encoding</translation>
    </message>
    <message>
        <source>Long image width</source>
        <translation>Long image width</translation>
    </message>
    <message>
        <source>Long image parts</source>
        <translation>Long image parts</translation>
    </message>
    <message>
        <source>H5 quiz size</source>
        <translation>H5 quiz size</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>File size</translation>
    </message>
    <message>
        <source>Forbidden wording</source>
        <translation>Forbidden wording</translation>
    </message>
    <message>
        <source>Placeholder text</source>
        <translation>Placeholder text</translation>
    </message>
    <message>
        <source>Disclaimer</source>
        <translation>Disclaimer</translation>
    </message>
    <message>
        <source>Narration audible</source>
        <translation>Narration audible</translation>
    </message>
    <message>
        <source>Video page length</source>
        <translation>Video page length</translation>
    </message>
    <message>
        <source>Recording loudness</source>
        <translation>Recording loudness</translation>
    </message>
    <message>
        <source>Rendered forms</source>
        <translation>Rendered forms</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>Run norms &amp;check</source>
        <translation>Run norms &amp;check</translation>
    </message>
    <message>
        <source>Run norms check</source>
        <translation>Run norms check</translation>
    </message>
    <message>
        <source>Render the course, then check it against the upload norms.</source>
        <translation>Render the course, then check it against the upload norms.</translation>
    </message>
    <message>
        <source>Norms findings</source>
        <translation>Norms findings</translation>
    </message>
    <message>
        <source>Nothing rendered yet: render at least one form first.</source>
        <translation>Nothing rendered yet: render at least one form first.</translation>
    </message>
    <message>
        <source>Norms check</source>
        <translation>Norms check</translation>
    </message>
    <message>
        <source>{failures}, {warnings}</source>
        <translation>{failures}, {warnings}</translation>
    </message>
    <message>
        <source>1 failure</source>
        <translation>1 failure</translation>
    </message>
    <message>
        <source>{n} failures</source>
        <translation>{n} failures</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 warning</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} warnings</translation>
    </message>
    <message>
        <source>Blocked: {counts}. Fix them before delivering.</source>
        <translation>Blocked: {counts}. Fix them before delivering.</translation>
    </message>
    <message>
        <source>Ready to deliver: 1 warning.</source>
        <translation>Ready to deliver: 1 warning.</translation>
    </message>
    <message>
        <source>Ready to deliver: {w} warnings.</source>
        <translation>Ready to deliver: {w} warnings.</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>Heading</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>Paragraph</translation>
    </message>
    <message>
        <source>List (one item per line)</source>
        <translation>List (one item per line)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>Audio/video</source>
        <translation>Audio/video</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>Page title</source>
        <translation>Page title</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>Page duration in seconds</source>
        <translation>Page duration in seconds</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Duration:</translation>
    </message>
    <message>
        <source>&amp;Look:</source>
        <translation>&amp;Look:</translation>
    </message>
    <message>
        <source>Text blocks</source>
        <translation>Text blocks</translation>
    </message>
    <message>
        <source>Narration (what the narrator reads)</source>
        <translation>Narration (what the narrator reads)</translation>
    </message>
    <message>
        <source>Narration</source>
        <translation>Narration</translation>
    </message>
    <message>
        <source>Trim recording…</source>
        <translation>Trim recording…</translation>
    </message>
    <message>
        <source>Set the in and out points of this page&apos;s screen recording</source>
        <translation>Set the in and out points of this page&apos;s screen recording</translation>
    </message>
    <message>
        <source>(picture)</source>
        <translation>(picture)</translation>
    </message>
    <message>
        <source>{r} rows × {c} columns</source>
        <translation>{r} rows × {c} columns</translation>
    </message>
    <message>
        <source>(chart)</source>
        <translation>(chart)</translation>
    </message>
    <message>
        <source>Edit page title</source>
        <translation>Edit page title</translation>
    </message>
    <message>
        <source>Edit page duration</source>
        <translation>Edit page duration</translation>
    </message>
    <message>
        <source>Edit narration</source>
        <translation>Edit narration</translation>
    </message>
    <message>
        <source>Long image preview</source>
        <translation>Long image preview</translation>
    </message>
    <message>
        <source>&amp;Open externally</source>
        <translation>&amp;Open externally</translation>
    </message>
    <message>
        <source>Open externally</source>
        <translation>Open externally</translation>
    </message>
    <message>
        <source>The video player is not available on this computer.</source>
        <translation>The video player is not available on this computer.</translation>
    </message>
    <message>
        <source>Video preview</source>
        <translation>Video preview</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>&amp;Play / pause</translation>
    </message>
    <message>
        <source>Play or pause the video</source>
        <translation>Play or pause the video</translation>
    </message>
    <message>
        <source>Captio&amp;ns</source>
        <translation>Captio&amp;ns</translation>
    </message>
    <message>
        <source>Show captions</source>
        <translation>Show captions</translation>
    </message>
    <message>
        <source>The built-in browser is not available; open the H5 course in your browser instead.</source>
        <translation>The built-in browser is not available; open the H5 course in your browser instead.</translation>
    </message>
    <message>
        <source>H5 course preview</source>
        <translation>H5 course preview</translation>
    </message>
    <message>
        <source>Open in &amp;browser</source>
        <translation>Open in &amp;browser</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Interactive (H5)</source>
        <translation>Interactive (H5)</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Pictures</translation>
    </message>
    <message>
        <source>Outputs of this form</source>
        <translation>Outputs of this form</translation>
    </message>
    <message>
        <source>No preview for this form. Files: {files}</source>
        <translation>No preview for this form. Files: {files}</translation>
    </message>
    <message>
        <source>Previews</source>
        <translation>Previews</translation>
    </message>
    <message>
        <source>Render a form to preview it here.</source>
        <translation>Render a form to preview it here.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation>Single choice</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Multiple choice</translation>
    </message>
    <message>
        <source>True/false</source>
        <translation>True/false</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>Fill in</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Options (separate with |)</source>
        <translation>Options (separate with |)</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Quiz questions</source>
        <translation>Quiz questions</translation>
    </message>
    <message>
        <source>&amp;Add question</source>
        <translation>&amp;Add question</translation>
    </message>
    <message>
        <source>&amp;Remove question</source>
        <translation>&amp;Remove question</translation>
    </message>
    <message>
        <source>1 question, pass mark {p}%</source>
        <translation>1 question, pass mark {p}%</translation>
    </message>
    <message>
        <source>{n} questions, pass mark {p}%</source>
        <translation>{n} questions, pass mark {p}%</translation>
    </message>
    <message>
        <source>New question</source>
        <translation>New question</translation>
    </message>
    <message>
        <source>Option A</source>
        <translation>Option A</translation>
    </message>
    <message>
        <source>Option B</source>
        <translation>Option B</translation>
    </message>
    <message>
        <source>Select a question in the list, or add one.</source>
        <translation>Select a question in the list, or add one.</translation>
    </message>
    <message>
        <source>Question kind</source>
        <translation>Question kind</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>&amp;Question:</translation>
    </message>
    <message>
        <source>Options — mark the right answer</source>
        <translation>Options — mark the right answer</translation>
    </message>
    <message>
        <source>Add o&amp;ption</source>
        <translation>Add o&amp;ption</translation>
    </message>
    <message>
        <source>Accepted answers</source>
        <translation>Accepted answers</translation>
    </message>
    <message>
        <source>Accepted answers, separated by /</source>
        <translation>Accepted answers, separated by /</translation>
    </message>
    <message>
        <source>Accepted ans&amp;wers:</source>
        <translation>Accepted ans&amp;wers:</translation>
    </message>
    <message>
        <source>&amp;Explanation:</source>
        <translation>&amp;Explanation:</translation>
    </message>
    <message>
        <source>P&amp;oints:</source>
        <translation>P&amp;oints:</translation>
    </message>
    <message>
        <source>True</source>
        <translation>True</translation>
    </message>
    <message>
        <source>False</source>
        <translation>False</translation>
    </message>
    <message>
        <source>Right answer</source>
        <translation>Right answer</translation>
    </message>
    <message>
        <source>Option {letter} is right</source>
        <translation>Option {letter} is right</translation>
    </message>
    <message>
        <source>Option {letter}</source>
        <translation>Option {letter}</translation>
    </message>
    <message>
        <source>no business line</source>
        <translation>no business line</translation>
    </message>
    <message>
        <source>Search by name, login or employee no.</source>
        <translation>Search by name, login or employee no.</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Search people</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Matching people</source>
        <translation>Matching people</translation>
    </message>
    <message>
        <source>Chosen people</source>
        <translation>Chosen people</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Nobody matches “{text}”.</source>
        <translation>Nobody matches “{text}”.</translation>
    </message>
    <message>
        <source>Search, then choose a person in the list first.</source>
        <translation>Search, then choose a person in the list first.</translation>
    </message>
    <message>
        <source>Remove option {letter}</source>
        <translation>Remove option {letter}</translation>
    </message>
    <message>
        <source>Change the question kind</source>
        <translation>Change the question kind</translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation>Remove option</translation>
    </message>
    <message>
        <source>Loading course forms…</source>
        <translation>Loading course forms…</translation>
    </message>
    <message>
        <source>&amp;Render selected forms</source>
        <translation>&amp;Render selected forms</translation>
    </message>
    <message>
        <source>Render selected forms</source>
        <translation>Render selected forms</translation>
    </message>
    <message>
        <source>Choose the forms to produce and their options.</source>
        <translation>Choose the forms to produce and their options.</translation>
    </message>
    <message>
        <source>The saved render of {forms} is missing or was changed; render again.</source>
        <translation>The saved render of {forms} is missing or was changed; render again.</translation>
    </message>
    <message>
        <source>Select at least one form.</source>
        <translation>Select at least one form.</translation>
    </message>
    <message>
        <source>Rendering</source>
        <translation>Rendering</translation>
    </message>
    <message>
        <source>Rendering was cancelled.</source>
        <translation>Rendering was cancelled.</translation>
    </message>
    <message>
        <source>Rendered: {forms}</source>
        <translation>Rendered: {forms}</translation>
    </message>
    <message>
        <source>{form} failed: {message}</source>
        <translation>{form} failed: {message}</translation>
    </message>
    <message>
        <source>This course has no skit script yet. Dialogue found in the source appears here after import; you can also start one.</source>
        <translation>This course has no skit script yet. Dialogue found in the source appears here after import; you can also start one.</translation>
    </message>
    <message>
        <source>&amp;Start a skit script</source>
        <translation>&amp;Start a skit script</translation>
    </message>
    <message>
        <source>Start a skit script</source>
        <translation>Start a skit script</translation>
    </message>
    <message>
        <source>Cast</source>
        <translation>Cast</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voice</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Side</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Right</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Centre</translation>
    </message>
    <message>
        <source>Add &amp;character</source>
        <translation>Add &amp;character</translation>
    </message>
    <message>
        <source>Remove character</source>
        <translation>Remove character</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>Scenes</translation>
    </message>
    <message>
        <source>Add &amp;scene</source>
        <translation>Add &amp;scene</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Emotion</source>
        <translation>Emotion</translation>
    </message>
    <message>
        <source>Add &amp;line</source>
        <translation>Add &amp;line</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Remove line</translation>
    </message>
    <message>
        <source>Record line in my voice…</source>
        <translation>Record line in my voice…</translation>
    </message>
    <message>
        <source>Record the selected line in your own voice instead of the synthetic one</source>
        <translation>Record the selected line in your own voice instead of the synthetic one</translation>
    </message>
    <message>
        <source>Use the page&apos;s recording</source>
        <translation>Use the page&apos;s recording</translation>
    </message>
    <message>
        <source>Speak the selected line with the recording of the page it came from</source>
        <translation>Speak the selected line with the recording of the page it came from</translation>
    </message>
    <message>
        <source>Decision point:</source>
        <translation>Decision point:</translation>
    </message>
    <message>
        <source>Decision prompt</source>
        <translation>Decision prompt</translation>
    </message>
    <message>
        <source>Question the learner answers at the end of the scene</source>
        <translation>Question the learner answers at the end of the scene</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Choice</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Next scene</source>
        <translation>Next scene</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Choices</translation>
    </message>
    <message>
        <source>Add c&amp;hoice</source>
        <translation>Add c&amp;hoice</translation>
    </message>
    <message>
        <source>Remove choice</source>
        <translation>Remove choice</translation>
    </message>
    <message>
        <source>(end)</source>
        <translation>(end)</translation>
    </message>
    <message>
        <source>Scene 1</source>
        <translation>Scene 1</translation>
    </message>
    <message>
        <source>Start skit script</source>
        <translation>Start skit script</translation>
    </message>
    <message>
        <source>Character {n}</source>
        <translation>Character {n}</translation>
    </message>
    <message>
        <source>Scene {n}</source>
        <translation>Scene {n}</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>New line</translation>
    </message>
    <message>
        <source>Add choice</source>
        <translation>Add choice</translation>
    </message>
    <message>
        <source>New choice</source>
        <translation>New choice</translation>
    </message>
    <message>
        <source>Edit decision prompt</source>
        <translation>Edit decision prompt</translation>
    </message>
    <message>
        <source>&amp;Import PPT/Word…</source>
        <translation>&amp;Import PPT/Word…</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>Open &amp;project…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>&amp;Save project</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Import a PowerPoint or Word file</source>
        <translation>Import a PowerPoint or Word file</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>Open project…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>No course open — import a PPT/Word file or drop it here.</source>
        <translation>No course open — import a PPT/Word file or drop it here.</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Studio sections</source>
        <translation>Studio sections</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
    <message>
        <source>Skit script</source>
        <translation>Skit script</translation>
    </message>
    <message>
        <source>Forms &amp;&amp; render</source>
        <translation>Forms &amp;&amp; render</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Deliver</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>not saved yet</translation>
    </message>
    <message>
        <source>{title}{mark} — 1 page ({where})</source>
        <translation>{title}{mark} — 1 page ({where})</translation>
    </message>
    <message>
        <source>{title}{mark} — {n} pages ({where})</source>
        <translation>{title}{mark} — {n} pages ({where})</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>“{title}” has changes that are not saved. Save them?</source>
        <translation>“{title}” has changes that are not saved. Save them?</translation>
    </message>
    <message>
        <source>Office documents (*.pptx *.pptm *.ppsx *.potx *.docx *.docm *.dotx)</source>
        <translation>Office documents (*.pptx *.pptm *.ppsx *.potx *.docx *.docm *.dotx)</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>Importing {name}</translation>
    </message>
    <message>
        <source>Open a course project folder</source>
        <translation>Open a course project folder</translation>
    </message>
    <message>
        <source>Choose a folder for the project</source>
        <translation>Choose a folder for the project</translation>
    </message>
    <message>
        <source>Recover your work?</source>
        <translation>Recover your work?</translation>
    </message>
    <message>
        <source>Creator Studio did not close properly. Recover “{title}” (autosaved {when})?</source>
        <translation>Creator Studio did not close properly. Recover “{title}” (autosaved {when})?</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Request: {t}</source>
        <translation>Request: {t}</translation>
    </message>
    <message>
        <source>Maker: {m} — price {p}, delivery in 1 day</source>
        <translation>Maker: {m} — price {p}, delivery in 1 day</translation>
    </message>
    <message>
        <source>Maker: {m} — price {p}, delivery in {d} days</source>
        <translation>Maker: {m} — price {p}, delivery in {d} days</translation>
    </message>
    <message>
        <source>An order is created at this price; the deadline clock starts now.</source>
        <translation>An order is created at this price; the deadline clock starts now.</translation>
    </message>
    <message>
        <source>The maker is notified; every other offer is closed and its maker told.</source>
        <translation>The maker is notified; every other offer is closed and its maker told.</translation>
    </message>
    <message>
        <source>Order #{id}: {t}</source>
        <translation>Order #{id}: {t}</translation>
    </message>
    <message>
        <source>The delivery is accepted as final; no more revisions.</source>
        <translation>The delivery is accepted as final; no more revisions.</translation>
    </message>
    <message>
        <source>{p} becomes due to {m}; staff mark it paid.</source>
        <translation>{p} becomes due to {m}; staff mark it paid.</translation>
    </message>
    <message>
        <source>The maker is notified; the rating window opens for both of you.</source>
        <translation>The maker is notified; the rating window opens for both of you.</translation>
    </message>
    <message>
        <source>Order #{id}</source>
        <translation>Order #{id}</translation>
    </message>
    <message>
        <source>{p} is recorded as paid to {m}; the order closes.</source>
        <translation>{p} is recorded as paid to {m}; the order closes.</translation>
    </message>
    <message>
        <source>The maker is notified.</source>
        <translation>The maker is notified.</translation>
    </message>
    <message>
        <source>Maker: {m}</source>
        <translation>Maker: {m}</translation>
    </message>
    <message>
        <source>A certificate for {f} is issued now and can be verified by its code.</source>
        <translation>A certificate for {f} is issued now and can be verified by its code.</translation>
    </message>
    <message>
        <source>The maker may offer on requests for these forms; the maker is notified.</source>
        <translation>The maker may offer on requests for these forms; the maker is notified.</translation>
    </message>
    <message>
        <source>The practical course is rejected with your comment; the maker is notified.</source>
        <translation>The practical course is rejected with your comment; the maker is notified.</translation>
    </message>
    <message>
        <source>Revoked for good: it fails verification and cannot be reinstated.</source>
        <translation>Revoked for good: it fails verification and cannot be reinstated.</translation>
    </message>
    <message>
        <source>Suspended: no new offers, awards or deliveries until reinstated.</source>
        <translation>Suspended: no new offers, awards or deliveries until reinstated.</translation>
    </message>
    <message>
        <source>Reinstated: the maker may take work again.</source>
        <translation>Reinstated: the maker may take work again.</translation>
    </message>
    <message>
        <source>Certificate {n} of {h}</source>
        <translation>Certificate {n} of {h}</translation>
    </message>
    <message>
        <source>Orders in progress are listed for staff; the holder is notified.</source>
        <translation>Orders in progress are listed for staff; the holder is notified.</translation>
    </message>
    <message>
        <source>Order #{id}: {t} — price {p}</source>
        <translation>Order #{id}: {t} — price {p}</translation>
    </message>
    <message>
        <source>The delivery is accepted; {p} is due to {m}.</source>
        <translation>The delivery is accepted; {p} is due to {m}.</translation>
    </message>
    <message>
        <source>The order is cancelled; {p} is due to {m}.</source>
        <translation>The order is cancelled; {p} is due to {m}.</translation>
    </message>
    <message>
        <source>Work resumes; the deadline moves by 1 day.</source>
        <translation>Work resumes; the deadline moves by 1 day.</translation>
    </message>
    <message>
        <source>Work resumes; the deadline moves by {n} days.</source>
        <translation>Work resumes; the deadline moves by {n} days.</translation>
    </message>
    <message>
        <source>Both {b} and {m} are notified with your reason.</source>
        <translation>Both {b} and {m} are notified with your reason.</translation>
    </message>
    <message>
        <source>Cancel the running job</source>
        <translation>Cancel the running job</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Mark all as &amp;read</source>
        <translation>Mark all as &amp;read</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>buyer</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>maker</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>staff</translation>
    </message>
    <message>
        <source>Attachment: {name} ({kb} KB)</source>
        <translation>Attachment: {name} ({kb} KB)</translation>
    </message>
    <message>
        <source>✓ read by {names}</source>
        <translation>✓ read by {names}</translation>
    </message>
    <message>
        <source>Messages and events of the order</source>
        <translation>Messages and events of the order</translation>
    </message>
    <message>
        <source>&amp;Save attachment…</source>
        <translation>&amp;Save attachment…</translation>
    </message>
    <message>
        <source>Save the attachment of the selected message</source>
        <translation>Save the attachment of the selected message</translation>
    </message>
    <message>
        <source>Write a message to the other side of the order…</source>
        <translation>Write a message to the other side of the order…</translation>
    </message>
    <message>
        <source>&amp;Attach…</source>
        <translation>&amp;Attach…</translation>
    </message>
    <message>
        <source>Attach files to the message</source>
        <translation>Attach files to the message</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>Se&amp;nd</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Send the message</translation>
    </message>
    <message>
        <source>Read-only: staff write in a thread only while the order is disputed.</source>
        <translation>Read-only: staff write in a thread only while the order is disputed.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>You cannot write in this thread.</source>
        <translation>You cannot write in this thread.</translation>
    </message>
    <message>
        <source>Select a message with an attachment.</source>
        <translation>Select a message with an attachment.</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Save attachment</translation>
    </message>
    <message>
        <source>Saved to {p}</source>
        <translation>Saved to {p}</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>Orders and their messages</source>
        <translation>Orders and their messages</translation>
    </message>
    <message>
        <source>The selected order</source>
        <translation>The selected order</translation>
    </message>
    <message>
        <source>Brief &amp;&amp; source files</source>
        <translation>Brief &amp;&amp; source files</translation>
    </message>
    <message>
        <source>Select a request or an order to see its brief.</source>
        <translation>Select a request or an order to see its brief.</translation>
    </message>
    <message>
        <source>Business line:</source>
        <translation>Business line:</translation>
    </message>
    <message>
        <source>Buyer:</source>
        <translation>Buyer:</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>Budget:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>Rules of the deal:</source>
        <translation>Rules of the deal:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Source files of the request</source>
        <translation>Source files of the request</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Download…</translation>
    </message>
    <message>
        <source>Download the selected source file</source>
        <translation>Download the selected source file</translation>
    </message>
    <message>
        <source>Open in the &amp;studio</source>
        <translation>Open in the &amp;studio</translation>
    </message>
    <message>
        <source>Open the source in the studio as a new project for this order</source>
        <translation>Open the source in the studio as a new project for this order</translation>
    </message>
    <message>
        <source>{r} revision rounds; auto-accept after {a} days; {w} days to rate</source>
        <translation>{r} revision rounds; auto-accept after {a} days; {w} days to rate</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(no description)</translation>
    </message>
    <message>
        <source>The buyer attached no files.</source>
        <translation>The buyer attached no files.</translation>
    </message>
    <message>
        <source>{n} source file(s); they can be downloaded once the request is awarded to you.</source>
        <translation>{n} source file(s); they can be downloaded once the request is awarded to you.</translation>
    </message>
    <message>
        <source>Save the source file to</source>
        <translation>Save the source file to</translation>
    </message>
    <message>
        <source>Select a file first.</source>
        <translation>Select a file first.</translation>
    </message>
    <message>
        <source>The source opens in the studio after the award.</source>
        <translation>The source opens in the studio after the award.</translation>
    </message>
    <message>
        <source>Opened {name} in the studio for order #{id}.</source>
        <translation>Opened {name} in the studio for order #{id}.</translation>
    </message>
    <message>
        <source>Empty: the market on this computer</source>
        <translation>Empty: the market on this computer</translation>
    </message>
    <message>
        <source>Team server URL</source>
        <translation>Team server URL</translation>
    </message>
    <message>
        <source>Team &amp;server:</source>
        <translation>Team &amp;server:</translation>
    </message>
    <message>
        <source>The server URL starts with http:// or https://</source>
        <translation>The server URL starts with http:// or https://</translation>
    </message>
    <message>
        <source>Connected to the team server again.</source>
        <translation>Connected to the team server again.</translation>
    </message>
    <message>
        <source>Offline: the team server cannot be reached. Retrying… Your typed work is kept.</source>
        <translation>Offline: the team server cannot be reached. Retrying… Your typed work is kept.</translation>
    </message>
    <message>
        <source>Narrate (notes, or the page&apos;s own text)</source>
        <translation>Narrate (notes, or the page&apos;s own text)</translation>
    </message>
    <message>
        <source>Music only / silent</source>
        <translation>Music only / silent</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Listen to this page&apos;s narration</source>
        <translation>Listen to this page&apos;s narration</translation>
    </message>
    <message>
        <source>Use the page&apos;s text as the script</source>
        <translation>Use the page&apos;s text as the script</translation>
    </message>
    <message>
        <source>Use a recording…</source>
        <translation>Use a recording…</translation>
    </message>
    <message>
        <source>Choose a recorded narration file for this page</source>
        <translation>Choose a recorded narration file for this page</translation>
    </message>
    <message>
        <source>Remove recording</source>
        <translation>Remove recording</translation>
    </message>
    <message>
        <source>Pronunciation fixes (this project)</source>
        <translation>Pronunciation fixes (this project)</translation>
    </message>
    <message>
        <source>Word, e.g. 趸交</source>
        <translation>Word, e.g. 趸交</translation>
    </message>
    <message>
        <source>Word to fix</source>
        <translation>Word to fix</translation>
    </message>
    <message>
        <source>Pinyin, e.g. dǔn jiāo or dun3 jiao1</source>
        <translation>Pinyin, e.g. dǔn jiāo or dun3 jiao1</translation>
    </message>
    <message>
        <source>Correct reading in pinyin</source>
        <translation>Correct reading in pinyin</translation>
    </message>
    <message>
        <source>Save reading</source>
        <translation>Save reading</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>Project readings</source>
        <translation>Project readings</translation>
    </message>
    <message>
        <source>Word:</source>
        <translation>Word:</translation>
    </message>
    <message>
        <source>Read now as:</source>
        <translation>Read now as:</translation>
    </message>
    <message>
        <source>Reading:</source>
        <translation>Reading:</translation>
    </message>
    <message>
        <source>No notes: the video reads the page&apos;s own text:</source>
        <translation>No notes: the video reads the page&apos;s own text:</translation>
    </message>
    <message>
        <source>The video reads the notes above.</source>
        <translation>The video reads the notes above.</translation>
    </message>
    <message>
        <source>No notes: the video reads the page&apos;s own text (shown greyed above).</source>
        <translation>No notes: the video reads the page&apos;s own text (shown greyed above).</translation>
    </message>
    <message>
        <source>The maker&apos;s recording is used for this page.</source>
        <translation>The maker&apos;s recording is used for this page.</translation>
    </message>
    <message>
        <source>Music only / silent: this page has no voice and no captions.</source>
        <translation>Music only / silent: this page has no voice and no captions.</translation>
    </message>
    <message>
        <source>Nothing to read on this page.</source>
        <translation>Nothing to read on this page.</translation>
    </message>
    <message>
        <source>Change narration choice</source>
        <translation>Change narration choice</translation>
    </message>
    <message>
        <source>Use page text as narration</source>
        <translation>Use page text as narration</translation>
    </message>
    <message>
        <source>Choose a recorded narration</source>
        <translation>Choose a recorded narration</translation>
    </message>
    <message>
        <source>Audio (*.wav *.mp3 *.m4a *.aac *.ogg *.flac)</source>
        <translation>Audio (*.wav *.mp3 *.m4a *.aac *.ogg *.flac)</translation>
    </message>
    <message>
        <source>Use a recording</source>
        <translation>Use a recording</translation>
    </message>
    <message>
        <source>Recording attached ({s:.1f} s).</source>
        <translation>Recording attached ({s:.1f} s).</translation>
    </message>
    <message>
        <source>Synthesising…</source>
        <translation>Synthesising…</translation>
    </message>
    <message>
        <source>No speech engine on this machine: the video would be silent here.</source>
        <translation>No speech engine on this machine: the video would be silent here.</translation>
    </message>
    <message>
        <source>Audio made ({s} s) but this computer cannot play sound: {p}</source>
        <translation>Audio made ({s} s) but this computer cannot play sound: {p}</translation>
    </message>
    <message>
        <source>Playing {s} s ({engine}).</source>
        <translation>Playing {s} s ({engine}).</translation>
    </message>
    <message>
        <source>Could not synthesise: {e}</source>
        <translation>Could not synthesise: {e}</translation>
    </message>
    <message>
        <source>Fix a word&apos;s reading</source>
        <translation>Fix a word&apos;s reading</translation>
    </message>
    <message>
        <source>Saved: {w} is now read {r}.</source>
        <translation>Saved: {w} is now read {r}.</translation>
    </message>
    <message>
        <source>Remove a reading</source>
        <translation>Remove a reading</translation>
    </message>
    <message>
        <source>An unfinished take of this page was found ({s} s). Recover it?</source>
        <translation>An unfinished take of this page was found ({s} s). Recover it?</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>Input level</translation>
    </message>
    <message>
        <source>Keep {a} s – {b} s of {t} s</source>
        <translation>Keep {a} s – {b} s of {t} s</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Microphone:</source>
        <translation>Microphone:</translation>
    </message>
    <message>
        <source>Narration script</source>
        <translation>Narration script</translation>
    </message>
    <message>
        <source>No microphone found. Connect one (or allow microphone access in the system settings), then reopen this window.</source>
        <translation>No microphone found. Connect one (or allow microphone access in the system settings), then reopen this window.</translation>
    </message>
    <message>
        <source>Record narration</source>
        <translation>Record narration</translation>
    </message>
    <message>
        <source>Record narration…</source>
        <translation>Record narration…</translation>
    </message>
    <message>
        <source>Record narration… (an unfinished take can be recovered)</source>
        <translation>Record narration… (an unfinished take can be recovered)</translation>
    </message>
    <message>
        <source>Record this page&apos;s narration with your own voice</source>
        <translation>Record this page&apos;s narration with your own voice</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <source>Recording… {s} s</source>
        <translation>Recording… {s} s</translation>
    </message>
    <message>
        <source>Recover unfinished take</source>
        <translation>Recover unfinished take</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>Take recorded: {s} s. Play it, trim it, then use it or retake.</source>
        <translation>Take recorded: {s} s. Play it, trim it, then use it or retake.</translation>
    </message>
    <message>
        <source>This computer cannot play sound; the take is kept at {p}</source>
        <translation>This computer cannot play sound; the take is kept at {p}</translation>
    </message>
    <message>
        <source>This page now uses your recording ({s} s, {l} LUFS).</source>
        <translation>This page now uses your recording ({s} s, {l} LUFS).</translation>
    </message>
    <message>
        <source>Trim silence</source>
        <translation>Trim silence</translation>
    </message>
    <message>
        <source>Trimming and levelling the take…</source>
        <translation>Trimming and levelling the take…</translation>
    </message>
    <message>
        <source>Use this take</source>
        <translation>Use this take</translation>
    </message>
    <message>
        <source>Waveform of the take; drag the handles to trim</source>
        <translation>Waveform of the take; drag the handles to trim</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ Stop</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ Play</translation>
    </message>
    <message>
        <source>● Record</source>
        <translation>● Record</translation>
    </message>
    <message>
        <source>Insert screen recording</source>
        <translation>Insert screen recording</translation>
    </message>
    <message>
        <source>Record screen…</source>
        <translation>Record screen…</translation>
    </message>
    <message>
        <source>Record the screen as a new video page after this one</source>
        <translation>Record the screen as a new video page after this one</translation>
    </message>
    <message>
        <source>Retake screen recording</source>
        <translation>Retake screen recording</translation>
    </message>
    <message>
        <source>Record the microphone too</source>
        <translation>Record the microphone too</translation>
    </message>
    <message>
        <source>What to record</source>
        <translation>What to record</translation>
    </message>
    <message>
        <source>A region of the screen…</source>
        <translation>A region of the screen…</translation>
    </message>
    <message>
        <source>Choose region…</source>
        <translation>Choose region…</translation>
    </message>
    <message>
        <source>Highlight the cursor and clicks</source>
        <translation>Highlight the cursor and clicks</translation>
    </message>
    <message>
        <source>Show my webcam in a corner</source>
        <translation>Show my webcam in a corner</translation>
    </message>
    <message>
        <source>No camera found: the recording has no webcam bubble.</source>
        <translation>No camera found: the recording has no webcam bubble.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Record this screen recording again</source>
        <translation>Record this screen recording again</translation>
    </message>
    <message>
        <source>Apply in/out points</source>
        <translation>Apply in/out points</translation>
    </message>
    <message>
        <source>Keep only the part between the two handles</source>
        <translation>Keep only the part between the two handles</translation>
    </message>
    <message>
        <source>Region: {w}×{h} at ({x}, {y})</source>
        <translation>Region: {w}×{h} at ({x}, {y})</translation>
    </message>
    <message>
        <source>In/out points stored; the recording itself is kept whole.</source>
        <translation>In/out points stored; the recording itself is kept whole.</translation>
    </message>
    <message>
        <source>Recording the screen… (F10 stops, F9 pauses)</source>
        <translation>Recording the screen… (F10 stops, F9 pauses)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Finishing the recording (region, cursor)…</source>
        <translation>Finishing the recording (region, cursor)…</translation>
    </message>
    <message>
        <source>The region/cursor pass failed; the recording is kept as it was: {e}</source>
        <translation>The region/cursor pass failed; the recording is kept as it was: {e}</translation>
    </message>
    <message>
        <source>Retake stored in the video page: {t}</source>
        <translation>Retake stored in the video page: {t}</translation>
    </message>
    <message>
        <source>Inserted as a video page: {t}</source>
        <translation>Inserted as a video page: {t}</translation>
    </message>
    <message>
        <source>Slide picture</source>
        <translation>Slide picture</translation>
    </message>
    <message>
        <source>Reflowed text</source>
        <translation>Reflowed text</translation>
    </message>
    <message>
        <source>Slide picture + notes as text</source>
        <translation>Slide picture + notes as text</translation>
    </message>
    <message>
        <source>Page look</source>
        <translation>Page look</translation>
    </message>
    <message>
        <source>Automatic: {mode}</source>
        <translation>Automatic: {mode}</translation>
    </message>
    <message>
        <source>Chosen from the slide&apos;s layout: {why}</source>
        <translation>Chosen from the slide&apos;s layout: {why}</translation>
    </message>
    <message>
        <source>You changed this page&apos;s look.</source>
        <translation>You changed this page&apos;s look.</translation>
    </message>
    <message>
        <source>Change page look</source>
        <translation>Change page look</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>1 day left</source>
        <translation>1 day left</translation>
    </message>
    <message>
        <source>{n} days left</source>
        <translation>{n} days left</translation>
    </message>
    <message>
        <source>Overdue by 1 day</source>
        <translation>Overdue by 1 day</translation>
    </message>
    <message>
        <source>Overdue by {n} days</source>
        <translation>Overdue by {n} days</translation>
    </message>
    <message>
        <source>{n} offers</source>
        <translation>{n} offers</translation>
    </message>
    <message>
        <source>1 offer</source>
        <translation>1 offer</translation>
    </message>
    <message>
        <source>Progress of all running jobs</source>
        <translation>Progress of all running jobs</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Running jobs</source>
        <translation>Running jobs</translation>
    </message>
    <message>
        <source>Cancel all running jobs</source>
        <translation>Cancel all running jobs</translation>
    </message>
    <message>
        <source>{n} jobs: {first} …</source>
        <translation>{n} jobs: {first} …</translation>
    </message>
    <message>
        <source>Cancel “{job}” ({p}%)</source>
        <translation>Cancel “{job}” ({p}%)</translation>
    </message>
    <message>
        <source>Judging progress</source>
        <translation>Judging progress</translation>
    </message>
    <message>
        <source>{judge}: {done} of {assigned} scored, {excluded} excluded</source>
        <translation>{judge}: {done} of {assigned} scored, {excluded} excluded</translation>
    </message>
    <message>
        <source>{done}/{assigned} · {excluded} excluded</source>
        <translation>{done}/{assigned} · {excluded} excluded</translation>
    </message>
    <message>
        <source>Entries per business line</source>
        <translation>Entries per business line</translation>
    </message>
    <message>
        <source>Entries per form</source>
        <translation>Entries per form</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 entry</translation>
    </message>
    <message>
        <source>Scores · {name}</source>
        <translation>Scores · {name}</translation>
    </message>
    <message>
        <source>Accurate content</source>
        <translation>Accurate content</translation>
    </message>
    <message>
        <source>Terms, figures and procedures are correct</source>
        <translation>Terms, figures and procedures are correct</translation>
    </message>
    <message>
        <source>Instructional design</source>
        <translation>Instructional design</translation>
    </message>
    <message>
        <source>Clear goals, sound structure, fitting interaction</source>
        <translation>Clear goals, sound structure, fitting interaction</translation>
    </message>
    <message>
        <source>Production quality</source>
        <translation>Production quality</translation>
    </message>
    <message>
        <source>Picture, sound and layout are polished</source>
        <translation>Picture, sound and layout are polished</translation>
    </message>
    <message>
        <source>Business value</source>
        <translation>Business value</translation>
    </message>
    <message>
        <source>Real help for selling and closing</source>
        <translation>Real help for selling and closing</translation>
    </message>
    <message>
        <source>Contest theme, e.g. Help sales, close deals</source>
        <translation>Contest theme, e.g. Help sales, close deals</translation>
    </message>
    <message>
        <source>Contest theme</source>
        <translation>Contest theme</translation>
    </message>
    <message>
        <source>Contest description</source>
        <translation>Contest description</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>All employees</source>
        <translation>All employees</translation>
    </message>
    <message>
        <source>Certified makers</source>
        <translation>Certified makers</translation>
    </message>
    <message>
        <source>Chosen business lines</source>
        <translation>Chosen business lines</translation>
    </message>
    <message>
        <source>Z-score per judge</source>
        <translation>Z-score per judge</translation>
    </message>
    <message>
        <source>Mean without the highest and lowest</source>
        <translation>Mean without the highest and lowest</translation>
    </message>
    <message>
        <source>Judges skip entries from their own business line</source>
        <translation>Judges skip entries from their own business line</translation>
    </message>
    <message>
        <source>Entries open</source>
        <translation>Entries open</translation>
    </message>
    <message>
        <source>Entries close</source>
        <translation>Entries close</translation>
    </message>
    <message>
        <source>Judging closes</source>
        <translation>Judging closes</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Rubric (JSON)</source>
        <translation>Rubric (JSON)</translation>
    </message>
    <message>
        <source>Judges</source>
        <translation>Judges</translation>
    </message>
    <message>
        <source>Draft contests</source>
        <translation>Draft contests</translation>
    </message>
    <message>
        <source>Edit the draft</source>
        <translation>Edit the draft</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>Draft:</translation>
    </message>
    <message>
        <source>Forms allowed</source>
        <translation>Forms allowed</translation>
    </message>
    <message>
        <source>Entry mode</source>
        <translation>Entry mode</translation>
    </message>
    <message>
        <source>Team size limit</source>
        <translation>Team size limit</translation>
    </message>
    <message>
        <source>Who may enter</source>
        <translation>Who may enter</translation>
    </message>
    <message>
        <source>Score normalisation</source>
        <translation>Score normalisation</translation>
    </message>
    <message>
        <source>Create contest</source>
        <translation>Create contest</translation>
    </message>
    <message>
        <source>Publish contest</source>
        <translation>Publish contest</translation>
    </message>
    <message>
        <source>Show ranking</source>
        <translation>Show ranking</translation>
    </message>
    <message>
        <source>Publish awards (top three: first, second, third)</source>
        <translation>Publish awards (top three: first, second, third)</translation>
    </message>
    <message>
        <source>Contest dashboard</source>
        <translation>Contest dashboard</translation>
    </message>
    <message>
        <source>Entries &amp;&amp; blind check</source>
        <translation>Entries &amp;&amp; blind check</translation>
    </message>
    <message>
        <source>Contest figures</source>
        <translation>Contest figures</translation>
    </message>
    <message>
        <source>Entries in total</source>
        <translation>Entries in total</translation>
    </message>
    <message>
        <source>Score distribution · {criterion}</source>
        <translation>Score distribution · {criterion}</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>The rubric must be JSON.</source>
        <translation>The rubric must be JSON.</translation>
    </message>
    <message>
        <source>No draft contest to edit: create one first.</source>
        <translation>No draft contest to edit: create one first.</translation>
    </message>
    <message>
        <source>Editing draft #{id}: change the form, then save.</source>
        <translation>Editing draft #{id}: change the form, then save.</translation>
    </message>
    <message>
        <source>Draft #{id} saved.</source>
        <translation>Draft #{id} saved.</translation>
    </message>
    <message>
        <source>Contest #{id} created (draft).</source>
        <translation>Contest #{id} created (draft).</translation>
    </message>
    <message>
        <source>Create a contest first.</source>
        <translation>Create a contest first.</translation>
    </message>
    <message>
        <source>Contest #{id} published.</source>
        <translation>Contest #{id} published.</translation>
    </message>
    <message>
        <source>No pictures, PDFs or video to check</source>
        <translation>No pictures, PDFs or video to check</translation>
    </message>
    <message>
        <source>Pixels checked by OCR (1 file)</source>
        <translation>Pixels checked by OCR (1 file)</translation>
    </message>
    <message>
        <source>Pixels checked by OCR ({n} files)</source>
        <translation>Pixels checked by OCR ({n} files)</translation>
    </message>
    <message>
        <source>Entrant</source>
        <translation>Entrant</translation>
    </message>
    <message>
        <source>Blind copy check</source>
        <translation>Blind copy check</translation>
    </message>
    <message>
        <source>1 entry has pixels that were not checked for names: look at it before it goes to the judges.</source>
        <translation>1 entry has pixels that were not checked for names: look at it before it goes to the judges.</translation>
    </message>
    <message>
        <source>{n} entries have pixels that were not checked for names: look at them before they go to the judges.</source>
        <translation>{n} entries have pixels that were not checked for names: look at them before they go to the judges.</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>Judge</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>Scored</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Raw mean</source>
        <translation>Raw mean</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>Show the ranking first.</source>
        <translation>Show the ranking first.</translation>
    </message>
    <message>
        <source>Awards published; 1 award certificate issued.</source>
        <translation>Awards published; 1 award certificate issued.</translation>
    </message>
    <message>
        <source>Awards published; {n} award certificates issued.</source>
        <translation>Awards published; {n} award certificates issued.</translation>
    </message>
    <message>
        <source>Folder of a rendered course package (with manifest.json)</source>
        <translation>Folder of a rendered course package (with manifest.json)</translation>
    </message>
    <message>
        <source>Rendered package folder</source>
        <translation>Rendered package folder</translation>
    </message>
    <message>
        <source>Entry title</source>
        <translation>Entry title</translation>
    </message>
    <message>
        <source>Course package</source>
        <translation>Course package</translation>
    </message>
    <message>
        <source>Submit entry (until the deadline; the latest version counts)</source>
        <translation>Submit entry (until the deadline; the latest version counts)</translation>
    </message>
    <message>
        <source>Team name (in a team contest the captain creates the team and submits)</source>
        <translation>Team name (in a team contest the captain creates the team and submits)</translation>
    </message>
    <message>
        <source>Team name</source>
        <translation>Team name</translation>
    </message>
    <message>
        <source>Create team</source>
        <translation>Create team</translation>
    </message>
    <message>
        <source>Team member to invite</source>
        <translation>Team member to invite</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>Invite</translation>
    </message>
    <message>
        <source>Number of the team that invited you</source>
        <translation>Number of the team that invited you</translation>
    </message>
    <message>
        <source>Accept invitation</source>
        <translation>Accept invitation</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>My contest entries</source>
        <translation>My contest entries</translation>
    </message>
    <message>
        <source>Choose a contest first.</source>
        <translation>Choose a contest first.</translation>
    </message>
    <message>
        <source>Team “{name}” created (number {id}).</source>
        <translation>Team “{name}” created (number {id}).</translation>
    </message>
    <message>
        <source>Search for the member and choose them in the list.</source>
        <translation>Search for the member and choose them in the list.</translation>
    </message>
    <message>
        <source>Create the team first.</source>
        <translation>Create the team first.</translation>
    </message>
    <message>
        <source>Team members: {list}</source>
        <translation>Team members: {list}</translation>
    </message>
    <message>
        <source>{name} (accepted)</source>
        <translation>{name} (accepted)</translation>
    </message>
    <message>
        <source>{name} (invited)</source>
        <translation>{name} (invited)</translation>
    </message>
    <message>
        <source>Enter the team number.</source>
        <translation>Enter the team number.</translation>
    </message>
    <message>
        <source>Joined team “{name}”.</source>
        <translation>Joined team “{name}”.</translation>
    </message>
    <message>
        <source>Declined team “{name}”.</source>
        <translation>Declined team “{name}”.</translation>
    </message>
    <message>
        <source>No name found</source>
        <translation>No name found</translation>
    </message>
    <message>
        <source>Submitted: version {n}.</source>
        <translation>Submitted: version {n}.</translation>
    </message>
    <message>
        <source>Choose a contest and a course package.</source>
        <translation>Choose a contest and a course package.</translation>
    </message>
    <message>
        <source>Load my judging queue</source>
        <translation>Load my judging queue</translation>
    </message>
    <message>
        <source>Entries to judge</source>
        <translation>Entries to judge</translation>
    </message>
    <message>
        <source>Comment (kept with the first criterion)</source>
        <translation>Comment (kept with the first criterion)</translation>
    </message>
    <message>
        <source>Judge&apos;s comment</source>
        <translation>Judge&apos;s comment</translation>
    </message>
    <message>
        <source>Save scores</source>
        <translation>Save scores</translation>
    </message>
    <message>
        <source>Download the blind copy</source>
        <translation>Download the blind copy</translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation>Select an entry first.</translation>
    </message>
    <message>
        <source>Blind copy saved: {path}</source>
        <translation>Blind copy saved: {path}</translation>
    </message>
    <message>
        <source>{name} ({weight}%)</source>
        <translation>{name} ({weight}%)</translation>
    </message>
    <message>
        <source>Entry code</source>
        <translation>Entry code</translation>
    </message>
    <message>
        <source>Entry {code}</source>
        <translation>Entry {code}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Scores saved.</source>
        <translation>Scores saved.</translation>
    </message>
    <message>
        <source>Whole screen: {n} ({w}×{h})</source>
        <translation>Whole screen: {n} ({w}×{h})</translation>
    </message>
    <message>
        <source>Window: {t}</source>
        <translation>Window: {t}</translation>
    </message>
    <message>
        <source>Drag to choose the part of the screen to record; Esc cancels</source>
        <translation>Drag to choose the part of the screen to record; Esc cancels</translation>
    </message>
    <message>
        <source>■ Stop recording (F10)</source>
        <translation>■ Stop recording (F10)</translation>
    </message>
    <message>
        <source>Stop the screen recording</source>
        <translation>Stop the screen recording</translation>
    </message>
    <message>
        <source>Timeline of the screen recording; drag the handles to set the in and out points</source>
        <translation>Timeline of the screen recording; drag the handles to set the in and out points</translation>
    </message>
    <message>
        <source>The recording could not be read: {e}</source>
        <translation>The recording could not be read: {e}</translation>
    </message>
    <message>
        <source>Trim screen recording</source>
        <translation>Trim screen recording</translation>
    </message>
    <message>
        <source>Keep {a} – {b} ({n})</source>
        <translation>Keep {a} – {b} ({n})</translation>
    </message>
    <message>
        <source>Keep the whole recording</source>
        <translation>Keep the whole recording</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>reproduced</source>
        <translation>reproduced</translation>
    </message>
    <message>
        <source>approximated</source>
        <translation>approximated</translation>
    </message>
    <message>
        <source>end state only</source>
        <translation>end state only</translation>
    </message>
    <message>
        <source>click</source>
        <translation>click</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>tap a shape</source>
        <translation>tap a shape</translation>
    </message>
    <message>
        <source>On click</source>
        <translation>On click</translation>
    </message>
    <message>
        <source>With previous</source>
        <translation>With previous</translation>
    </message>
    <message>
        <source>After previous</source>
        <translation>After previous</translation>
    </message>
    <message>
        <source>Animation: {clicks}, {effects}: {r} reproduced, {a} approximated, {e} end state only</source>
        <translation>Animation: {clicks}, {effects}: {r} reproduced, {a} approximated, {e} end state only</translation>
    </message>
    <message>
        <source>1 click</source>
        <translation>1 click</translation>
    </message>
    <message>
        <source>{n} clicks</source>
        <translation>{n} clicks</translation>
    </message>
    <message>
        <source>1 effect</source>
        <translation>1 effect</translation>
    </message>
    <message>
        <source>{n} effects</source>
        <translation>{n} effects</translation>
    </message>
    <message>
        <source>Transition: {kind} (reproduced)</source>
        <translation>Transition: {kind} (reproduced)</translation>
    </message>
    <message>
        <source>Transition: {kind} (approximated as {how})</source>
        <translation>Transition: {kind} (approximated as {how})</translation>
    </message>
    <message>
        <source>Animation summary</source>
        <translation>Animation summary</translation>
    </message>
    <message>
        <source>Animation report</source>
        <translation>Animation report</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Shape</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>Effect</translation>
    </message>
    <message>
        <source>Step narration</source>
        <translation>Step narration</translation>
    </message>
    <message>
        <source>Select a step to edit its narration</source>
        <translation>Select a step to edit its narration</translation>
    </message>
    <message>
        <source>Save step narration</source>
        <translation>Save step narration</translation>
    </message>
    <message>
        <source>Split from the notes</source>
        <translation>Split from the notes</translation>
    </message>
    <message>
        <source>Edit step narration</source>
        <translation>Edit step narration</translation>
    </message>
    <message>
        <source>No animation or transition on this page.</source>
        <translation>No animation or transition on this page.</translation>
    </message>
    <message>
        <source> ({shape})</source>
        <translation> ({shape})</translation>
    </message>
    <message>
        <source>Narration: {text}</source>
        <translation>Narration: {text}</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Transition</translation>
    </message>
    <message>
        <source>{kind} {s}s</source>
        <translation>{kind} {s}s</translation>
    </message>
</context>
</TS>
