<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong: {summary}
The details were written to {path}.</source>
        <translation>出现了问题：{summary}
详细信息已写入 {path}。</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>错误详情</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成操作</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>平台运营</translation>
    </message>
    <message>
        <source>Creator Studio</source>
        <translation>创客工作室</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Creator Studio</source>
        <translation>关于创客工作室(&amp;A)</translation>
    </message>
    <message>
        <source>About Creator Studio</source>
        <translation>关于创客工作室</translation>
    </message>
    <message>
        <source>Creator Studio turns PPT/Word into microcourses and runs the knowledge-IP market.</source>
        <translation>创客工作室把 PPT/Word 转成微课，并运营知识产权需求市场。</translation>
    </message>
    <message>
        <source>The language changes the next time Creator Studio starts.</source>
        <translation>界面语言将在下次启动创客工作室时生效。</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Signed in as {name} ({roles})</source>
        <translation>当前用户：{name}（{roles}）</translation>
    </message>
    <message>
        <source>Request title</source>
        <translation>需求标题</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>Business line</source>
        <translation>业务条线</translation>
    </message>
    <message>
        <source>&amp;Business line:</source>
        <translation>业务条线(&amp;B)：</translation>
    </message>
    <message>
        <source>Forms wanted:</source>
        <translation>需要的课程形式：</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>B&amp;udget:</source>
        <translation>预算(&amp;U)：</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>截止日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>需求说明</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>需求说明(&amp;E)：</translation>
    </message>
    <message>
        <source>Source files</source>
        <translation>素材文件</translation>
    </message>
    <message>
        <source>Add &amp;source file…</source>
        <translation>添加素材文件(&amp;S)…</translation>
    </message>
    <message>
        <source>Source files:</source>
        <translation>素材文件：</translation>
    </message>
    <message>
        <source>&amp;Post the request</source>
        <translation>发布需求(&amp;P)</translation>
    </message>
    <message>
        <source>Office documents (*.pptx *.docx);;All files (*)</source>
        <translation>Office 文档 (*.pptx *.docx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Request #{id} is posted; certified makers can now make offers.</source>
        <translation>需求 #{id} 已发布，持证创客现在可以报价。</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>课程形式</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>报价数</translation>
    </message>
    <message>
        <source>My requests</source>
        <translation>我的需求</translation>
    </message>
    <message>
        <source>Offers on the selected request</source>
        <translation>所选需求收到的报价</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>创客</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Done orders</source>
        <translation>完成订单</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交付时间</translation>
    </message>
    <message>
        <source>{d} days</source>
        <translation>{d} 天</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>&amp;Award to the selected offer</source>
        <translation>选定该报价(&amp;A)</translation>
    </message>
    <message>
        <source>Select a request and one of its offers.</source>
        <translation>请先选择一个需求及其中一个报价。</translation>
    </message>
    <message>
        <source>Award this offer?</source>
        <translation>选定这个报价？</translation>
    </message>
    <message>
        <source>Awarded to {m}.</source>
        <translation>已选定 {m}。</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应交日期</translation>
    </message>
    <message>
        <source>My orders</source>
        <translation>我的订单</translation>
    </message>
    <message>
        <source>Review the delivery</source>
        <translation>验收交付</translation>
    </message>
    <message>
        <source>Comments for the maker</source>
        <translation>给创客的意见</translation>
    </message>
    <message>
        <source>&amp;Comments:</source>
        <translation>意见(&amp;C)：</translation>
    </message>
    <message>
        <source>Request &amp;revision</source>
        <translation>要求修改(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Accept delivery</source>
        <translation>验收通过(&amp;A)</translation>
    </message>
    <message>
        <source>Open a &amp;dispute</source>
        <translation>发起争议(&amp;D)</translation>
    </message>
    <message>
        <source>Open a dispute about this order</source>
        <translation>就此订单发起争议</translation>
    </message>
    <message>
        <source>Stars for the maker</source>
        <translation>给创客的星级</translation>
    </message>
    <message>
        <source>Ra&amp;te the maker</source>
        <translation>评价创客(&amp;T)</translation>
    </message>
    <message>
        <source>Rating:</source>
        <translation>评价：</translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation>请先选择一个订单。</translation>
    </message>
    <message>
        <source>Revision requested.</source>
        <translation>已提出修改要求。</translation>
    </message>
    <message>
        <source>Dispute opened; staff will decide.</source>
        <translation>已发起争议，平台将介入裁决。</translation>
    </message>
    <message>
        <source>Accept the delivery?</source>
        <translation>验收这次交付？</translation>
    </message>
    <message>
        <source>Delivery accepted.</source>
        <translation>已验收通过。</translation>
    </message>
    <message>
        <source>Thank you — your rating is recorded.</source>
        <translation>谢谢，您的评价已记录。</translation>
    </message>
    <message>
        <source>Post a request</source>
        <translation>发布需求</translation>
    </message>
    <message>
        <source>My requests &amp;&amp; offers</source>
        <translation>我的需求与报价</translation>
    </message>
    <message>
        <source>Orders &amp;&amp; review</source>
        <translation>订单与验收</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Contest judging</source>
        <translation>大赛评审</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开放中</translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>已选定</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>制作中</translation>
    </message>
    <message>
        <source>Waiting on buyer</source>
        <translation>等待需求方</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>Revision requested</source>
        <translation>待修改</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>争议中</translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation>申请取消中</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>First prize</source>
        <translation>一等奖</translation>
    </message>
    <message>
        <source>Second prize</source>
        <translation>二等奖</translation>
    </message>
    <message>
        <source>Third prize</source>
        <translation>三等奖</translation>
    </message>
    <message>
        <source>Award of excellence</source>
        <translation>优秀奖</translation>
    </message>
    <message>
        <source>Special prize</source>
        <translation>特别奖</translation>
    </message>
    <message>
        <source>Enrolled: training</source>
        <translation>已报名：培训中</translation>
    </message>
    <message>
        <source>Training done: exam next</source>
        <translation>培训已完成：待考试</translation>
    </message>
    <message>
        <source>Exam passed: practical course next</source>
        <translation>考试已通过：待提交实践课程</translation>
    </message>
    <message>
        <source>Practical course submitted: waiting for review</source>
        <translation>实践课程已提交：等待评审</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Certified</source>
        <translation>已认证</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>1. Apply: the forms you want to be certified for</source>
        <translation>1. 申请：选择要认证的课程形式</translation>
    </message>
    <message>
        <source>&amp;Apply for certification</source>
        <translation>申请认证(&amp;A)</translation>
    </message>
    <message>
        <source>2. Training modules (courses on the learning platform)</source>
        <translation>2. 培训模块（学习平台上的课程）</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Training modules</source>
        <translation>培训模块</translation>
    </message>
    <message>
        <source>&amp;Open the course link</source>
        <translation>打开课程链接(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Mark the selected module done</source>
        <translation>将所选模块标记为已完成(&amp;M)</translation>
    </message>
    <message>
        <source>3. Exam</source>
        <translation>3. 考试</translation>
    </message>
    <message>
        <source>&amp;Start the exam</source>
        <translation>开始考试(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;ubmit my answers</source>
        <translation>交卷(&amp;U)</translation>
    </message>
    <message>
        <source>4. Practical course (checked against the upload norms)</source>
        <translation>4. 实践课程（按上传规范检查）</translation>
    </message>
    <message>
        <source>Submit a &amp;rendered package folder…</source>
        <translation>提交已渲染的课程包文件夹(&amp;R)…</translation>
    </message>
    <message>
        <source>5. Review and certificate</source>
        <translation>5. 评审与证书</translation>
    </message>
    <message>
        <source>Export &amp;PDF</source>
        <translation>导出 PDF(&amp;P)</translation>
    </message>
    <message>
        <source>Export Open &amp;Badge</source>
        <translation>导出 Open Badge(&amp;B)</translation>
    </message>
    <message>
        <source>There is no certification programme yet.</source>
        <translation>尚未发布认证方案。</translation>
    </message>
    <message>
        <source>Programme: {title} (version {v}), covering {forms}.</source>
        <translation>认证方案：{title}（第 {v} 版），覆盖 {forms}。</translation>
    </message>
    <message>
        <source>You have not applied yet.</source>
        <translation>你尚未申请认证。</translation>
    </message>
    <message>
        <source>Your application #{id} for {forms}: {status}.</source>
        <translation>你的认证申请 #{id}（{forms}）：{status}。</translation>
    </message>
    <message>
        <source>{size} questions drawn from the bank; pass mark {mark}%; attempts used {used}, left {left}; {days} days of cooling-off after a failed attempt.</source>
        <translation>从题库随机抽取 {size} 题；及格线 {mark}%；已考 {used} 次，剩余 {left} 次；未通过后需冷静 {days} 天才能再考。</translation>
    </message>
    <message>
        <source>Apply for {form}</source>
        <translation>申请认证：{form}</translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment: {c}</source>
        <translation>评审意见：{c}</translation>
    </message>
    <message>
        <source>Your practical course is waiting for the staff&apos;s review.</source>
        <translation>你的实践课程正在等待运营人员评审。</translation>
    </message>
    <message>
        <source>No certificate yet.</source>
        <translation>尚未获得证书。</translation>
    </message>
    <message>
        <source>Certificate {number} ({status}) for {forms}, issued {issued}, valid until {expires}.
Verification code: {code}</source>
        <translation>证书 {number}（{status}），覆盖 {forms}，{issued} 颁发，有效期至 {expires}。
验证码：{code}</translation>
    </message>
    <message>
        <source>Apply for certification first.</source>
        <translation>请先申请认证。</translation>
    </message>
    <message>
        <source>Application sent.</source>
        <translation>申请已提交。</translation>
    </message>
    <message>
        <source>Select a module first.</source>
        <translation>请先选择一个模块。</translation>
    </message>
    <message>
        <source>Question {n}</source>
        <translation>第 {n} 题</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Score {score}% (pass mark {mark}%): {verdict}.</source>
        <translation>得分 {score}%（及格线 {mark}%）：{verdict}。</translation>
    </message>
    <message>
        <source>Attempts left: {n}.</source>
        <translation>剩余考试次数：{n}。</translation>
    </message>
    <message>
        <source>Choose the rendered package folder</source>
        <translation>选择已渲染的课程包文件夹</translation>
    </message>
    <message>
        <source>Practical course submitted for review.</source>
        <translation>实践课程已提交评审。</translation>
    </message>
    <message>
        <source>Export the certificate as PDF</source>
        <translation>将证书导出为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Export the certificate as an Open Badge</source>
        <translation>将证书导出为 Open Badge</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>未中选</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Screen recording</source>
        <translation>录屏课</translation>
    </message>
    <message>
        <source>Business line filter</source>
        <translation>按业务条线筛选</translation>
    </message>
    <message>
        <source>All business lines</source>
        <translation>全部业务条线</translation>
    </message>
    <message>
        <source>Course form filter</source>
        <translation>按课程形式筛选</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>全部形式</translation>
    </message>
    <message>
        <source>Minimum budget</source>
        <translation>最低预算</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>截止不晚于</translation>
    </message>
    <message>
        <source>Latest deadline</source>
        <translation>最晚截止日期</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>条线：</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>形式：</translation>
    </message>
    <message>
        <source>Budget at least:</source>
        <translation>预算不低于：</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>修改次数</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>需求方</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>开放的需求</translation>
    </message>
    <message>
        <source>Make an offer on the selected request</source>
        <translation>对所选需求报价</translation>
    </message>
    <message>
        <source>Offer price</source>
        <translation>报价金额</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Delivery time in days</source>
        <translation>交付天数</translation>
    </message>
    <message>
        <source>Message to the buyer</source>
        <translation>给需求方的留言</translation>
    </message>
    <message>
        <source>&amp;Price:</source>
        <translation>报价(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Delivery time:</source>
        <translation>交付时间(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>留言(&amp;M)：</translation>
    </message>
    <message>
        <source>Send &amp;offer</source>
        <translation>提交报价(&amp;O)</translation>
    </message>
    <message>
        <source>Read the &amp;brief…</source>
        <translation>查看需求详情(&amp;B)…</translation>
    </message>
    <message>
        <source>Read the brief of the selected request</source>
        <translation>查看所选需求的详情</translation>
    </message>
    <message>
        <source>Select a request first.</source>
        <translation>请先选择一个需求。</translation>
    </message>
    <message>
        <source>Request #{id}</source>
        <translation>需求 #{id}</translation>
    </message>
    <message>
        <source>Offer sent.</source>
        <translation>报价已提交。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>My certificates</source>
        <translation>我的证书</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>约定金额</translation>
    </message>
    <message>
        <source>Earnings</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Accepted orders</source>
        <translation>验收订单</translation>
    </message>
    <message>
        <source>Distinct buyers</source>
        <translation>不同买家</translation>
    </message>
    <message>
        <source>Average rating</source>
        <translation>平均评分</translation>
    </message>
    <message>
        <source>On-time delivery</source>
        <translation>准时交付率</translation>
    </message>
    <message>
        <source>First-pass acceptance</source>
        <translation>一次通过率</translation>
    </message>
    <message>
        <source>Learner NPS</source>
        <translation>学员 NPS</translation>
    </message>
    <message>
        <source>Disputes decided against you</source>
        <translation>判定责任在你的争议</translation>
    </message>
    <message>
        <source>Earnings and ratings by month</source>
        <translation>每月收入与评分</translation>
    </message>
    <message>
        <source>Average rating (★)</source>
        <translation>平均评分（★）</translation>
    </message>
    <message>
        <source>Earnings ({symbol})</source>
        <translation>收入（{symbol}）</translation>
    </message>
    <message>
        <source>No earnings or ratings yet: they appear here month by month.</source>
        <translation>暂无收入或评分：它们会按月显示在这里。</translation>
    </message>
    <message>
        <source>Hello, {name}</source>
        <translation>你好，{name}</translation>
    </message>
    <message>
        <source>Progress to the next level</source>
        <translation>距下一等级的进度</translation>
    </message>
    <message>
        <source>What the next level needs</source>
        <translation>下一等级还需要什么</translation>
    </message>
    <message>
        <source>Earnings and ratings, last 6 months</source>
        <translation>近 6 个月收入与评分</translation>
    </message>
    <message>
        <source>no ratings yet</source>
        <translation>暂无评分</translation>
    </message>
    <message>
        <source>{avg} ★ from {n} ratings</source>
        <translation>{avg} 星（{n} 条评价）</translation>
    </message>
    <message>
        <source>Rating: {rating} · accepted orders: {done}</source>
        <translation>评分：{rating} · 已验收订单：{done}</translation>
    </message>
    <message>
        <source>Level: {name} (pay ×{mult}) — the top level</source>
        <translation>等级：{name}（报酬 ×{mult}）——已是最高等级</translation>
    </message>
    <message>
        <source>Top level</source>
        <translation>最高等级</translation>
    </message>
    <message>
        <source>Level: {name} (pay ×{mult}) → next: {next}</source>
        <translation>等级：{name}（报酬 ×{mult}）→ 下一等级：{next}</translation>
    </message>
    <message>
        <source>{p}% of the way to {next}</source>
        <translation>距{next}已完成 {p}%</translation>
    </message>
    <message>
        <source>(not enough data: {have} of {need})</source>
        <translation>（样本不足：{have}/{need}）</translation>
    </message>
    <message>
        <source>For the next level: {gap}</source>
        <translation>升到下一等级还需：{gap}</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>{avg} ★ from 1 rating</source>
        <translation>{avg} 星（1 条评价）</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>手机(&amp;H)</translation>
    </message>
    <message>
        <source>Des&amp;ktop</source>
        <translation>电脑(&amp;K)</translation>
    </message>
    <message>
        <source>Video position</source>
        <translation>视频进度</translation>
    </message>
    <message>
        <source>Video time</source>
        <translation>视频时间</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>No open request matches your certified forms and these filters right now. New requests appear here by themselves.</source>
        <translation>目前没有符合你已认证形式和筛选条件的需求。新需求会自动出现在这里。</translation>
    </message>
    <message>
        <source>Only certified makers see the open requests. Get certified in “My certification”: apply, finish the training, pass the exam and submit a practical course.</source>
        <translation>只有持证创客才能看到需求。请在“我的认证”中取得认证：申请、完成培训、通过考试并提交实操课程。</translation>
    </message>
    <message>
        <source>Contest</source>
        <translation>大赛</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>Awarded on</source>
        <translation>获奖日期</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>My contest awards</source>
        <translation>我的大赛获奖</translation>
    </message>
    <message>
        <source> (1 review pending reveal)</source>
        <translation>（另有 1 条评价待揭晓）</translation>
    </message>
    <message>
        <source> ({n} reviews pending reveal)</source>
        <translation>（另有 {n} 条评价待揭晓）</translation>
    </message>
    <message>
        <source>NPS {v:+d} from 1 learner</source>
        <translation>NPS {v:+d}（1 位学员）</translation>
    </message>
    <message>
        <source>No order to deliver yet: orders you win in the market appear here. Render the course in the studio, then deliver it from this tab.</source>
        <translation>还没有待交付的订单：你在需求市场中标的订单会出现在这里。先在工作室生成课程，再在此页交付。</translation>
    </message>
    <message>
        <source>You hold certificate {number} for {forms}, valid until {expires}.</source>
        <translation>你持有证书 {number}（{forms}），有效期至 {expires}。</translation>
    </message>
    <message>
        <source>NPS shown from {m} learner answers ({n} so far)</source>
        <translation>学员 NPS 满 {m} 份后显示（目前 {n} 份）</translation>
    </message>
    <message>
        <source>NPS {v:+d} from {n} learners</source>
        <translation>NPS {v:+d}（{n} 位学员）</translation>
    </message>
    <message>
        <source>Rating: {rating}. {nps}. Accepted orders: {done} ({late} late).</source>
        <translation>评分：{rating}。{nps}。已验收订单：{done}（逾期 {late}）。</translation>
    </message>
    <message>
        <source>Level: not evaluated yet.</source>
        <translation>等级：尚未评定。</translation>
    </message>
    <message>
        <source>nothing — top level</source>
        <translation>无——已是最高等级</translation>
    </message>
    <message>
        <source>Level: {name} (pay ×{mult}). Why: {reasons}
For the next level: {gap}</source>
        <translation>等级：{name}（薪酬系数 ×{mult}）。原因：{reasons}
晋级还需：{gap}</translation>
    </message>
    <message>
        <source>Request market</source>
        <translation>需求市场</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>My offers</source>
        <translation>我的报价</translation>
    </message>
    <message>
        <source>&amp;Withdraw the selected offer</source>
        <translation>撤回所选报价(&amp;W)</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>My record &amp;&amp; level</source>
        <translation>我的业绩与等级</translation>
    </message>
    <message>
        <source>My certification</source>
        <translation>我的认证</translation>
    </message>
    <message>
        <source>Contests</source>
        <translation>微课大赛</translation>
    </message>
    <message>
        <source>Select an offer first.</source>
        <translation>请先选择一个报价。</translation>
    </message>
    <message>
        <source>Choose the order this course is for. The rendered forms and their norms report are delivered together.</source>
        <translation>选择这门课程对应的订单。生成的课程形式与规范检查报告将一并交付。</translation>
    </message>
    <message>
        <source>Orders to deliver</source>
        <translation>待交付订单</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>交付说明</translation>
    </message>
    <message>
        <source>&amp;Note to the buyer:</source>
        <translation>给需求方的说明(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Deliver to the selected order</source>
        <translation>交付到所选订单(&amp;D)</translation>
    </message>
    <message>
        <source>Render the course first.</source>
        <translation>请先生成课程。</translation>
    </message>
    <message>
        <source>Delivered as delivery #{id}.</source>
        <translation>已交付，交付编号 #{id}。</translation>
    </message>
    <message>
        <source>Refused by the norms check:</source>
        <translation>未通过上传规范检查：</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Select a dispute to see its case file.</source>
        <translation>选择一个争议，查看其案卷。</translation>
    </message>
    <message>
        <source>Order terms and the dispute</source>
        <translation>订单条款与争议</translation>
    </message>
    <message>
        <source>Timeline and messages</source>
        <translation>时间线与消息</translation>
    </message>
    <message>
        <source>Delivered versions and norms reports</source>
        <translation>各版交付及规范检查报告</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>第几次</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Norms</source>
        <translation>上传规范</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Delivery attempts</source>
        <translation>交付记录</translation>
    </message>
    <message>
        <source>Norms findings of the selected delivery</source>
        <translation>所选交付的规范检查结果</translation>
    </message>
    <message>
        <source>Review comments</source>
        <translation>审阅批注</translation>
    </message>
    <message>
        <source>Review comments of the order</source>
        <translation>订单的审阅批注</translation>
    </message>
    <message>
        <source>Change orders</source>
        <translation>变更单</translation>
    </message>
    <message>
        <source>Change orders of the order</source>
        <translation>订单的变更单</translation>
    </message>
    <message>
        <source>Buyer {b} · maker {m} · price {p} · due {due}{late} · revisions {u}/{n}</source>
        <translation>需求方 {b} · 创客 {m} · 价格 {p} · 交付期 {due}{late} · 修改 {u}/{n} 轮</translation>
    </message>
    <message>
        <source>(late)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source>Dispute opened by {who}: {why}</source>
        <translation>争议发起人 {who}：{why}</translation>
    </message>
    <message>
        <source>Brief: {forms}; budget {b}; {desc}</source>
        <translation>需求：{forms}；预算 {b}；{desc}</translation>
    </message>
    <message>
        <source>Pending change order: {d} ({p}, +{days} days)</source>
        <translation>待确认变更单：{d}（{p}，+{days} 天）</translation>
    </message>
    <message>
        <source>: {d} ({p}, +{days} days, +{r} rounds)</source>
        <translation>：{d}（{p}，+{days} 天，+{r} 轮修改）</translation>
    </message>
    <message>
        <source>No change orders.</source>
        <translation>没有变更单。</translation>
    </message>
    <message>
        <source>No findings recorded.</source>
        <translation>没有检查记录。</translation>
    </message>
    <message>
        <source>No open disputes.</source>
        <translation>没有待处理的争议。</translation>
    </message>
    <message>
        <source>Select an application to see its evidence.</source>
        <translation>选择一个申请，查看其认证材料。</translation>
    </message>
    <message>
        <source>Exam and training evidence</source>
        <translation>考试与培训记录</translation>
    </message>
    <message>
        <source>Norms report of the practical course</source>
        <translation>实践课程的规范检查报告</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>未交卷</translation>
    </message>
    <message>
        <source>Exam: best {best}% (pass mark {pm}%), {n} of {m} attempts: {scores}</source>
        <translation>考试：最高 {best}%（及格线 {pm}%），已用 {n}/{m} 次：{scores}</translation>
    </message>
    <message>
        <source>Training: {n} of {m} modules done</source>
        <translation>培训：已完成 {n}/{m} 个模块</translation>
    </message>
    <message>
        <source>Due to the maker</source>
        <translation>应付创客</translation>
    </message>
    <message>
        <source>Accepted orders to pay</source>
        <translation>待结算的已验收订单</translation>
    </message>
    <message>
        <source>&amp;Mark paid</source>
        <translation>标记已结算(&amp;M)</translation>
    </message>
    <message>
        <source>Mark the selected order paid</source>
        <translation>将所选订单标记为已结算</translation>
    </message>
    <message>
        <source>Mark this order paid?</source>
        <translation>将此订单标记为已结算？</translation>
    </message>
    <message>
        <source>Order #{id} is marked paid.</source>
        <translation>订单 #{id} 已标记结算。</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Practical courses waiting for review</source>
        <translation>待评审的实践课程</translation>
    </message>
    <message>
        <source>Review comment</source>
        <translation>评审意见</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>意见(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Approve and issue certificate</source>
        <translation>通过并颁发证书(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject with comment</source>
        <translation>驳回并填写意见(&amp;R)</translation>
    </message>
    <message>
        <source>Select an application first.</source>
        <translation>请先选择一个申请。</translation>
    </message>
    <message>
        <source>Application #{id}: {status}</source>
        <translation>申请 #{id}：{status}</translation>
    </message>
    <message>
        <source>Programme title</source>
        <translation>认证方案名称</translation>
    </message>
    <message>
        <source>Certificate may cover {form}</source>
        <translation>证书可覆盖：{form}</translation>
    </message>
    <message>
        <source>Forms covered:</source>
        <translation>覆盖形式：</translation>
    </message>
    <message>
        <source>Exam size</source>
        <translation>考试题量</translation>
    </message>
    <message>
        <source> questions</source>
        <translation> 题</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>及格线</translation>
    </message>
    <message>
        <source>Exam attempts</source>
        <translation>考试次数</translation>
    </message>
    <message>
        <source>Cooling-off days</source>
        <translation>冷静期天数</translation>
    </message>
    <message>
        <source>Validity in days</source>
        <translation>有效期天数</translation>
    </message>
    <message>
        <source>E&amp;xam size:</source>
        <translation>考试题量(&amp;X)：</translation>
    </message>
    <message>
        <source>Pass &amp;mark:</source>
        <translation>及格线(&amp;M)：</translation>
    </message>
    <message>
        <source>Attem&amp;pts:</source>
        <translation>考试次数(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Cooling-off after a failure:</source>
        <translation>未通过后的冷静期(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Validity:</source>
        <translation>证书有效期(&amp;V)：</translation>
    </message>
    <message>
        <source>Training modules (id, title, link on the learning platform):</source>
        <translation>培训模块（编号、名称、学习平台链接）：</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>&amp;Add module</source>
        <translation>添加模块(&amp;A)</translation>
    </message>
    <message>
        <source>Remove the selected mo&amp;dule</source>
        <translation>删除所选模块(&amp;D)</translation>
    </message>
    <message>
        <source>Question bank (JSON: a list of questions with id, stem, options and answers; answers are option indexes from 0):</source>
        <translation>题库（JSON：题目列表，每题含 id、stem 题干、options 选项和 answers 答案；答案为从 0 开始的选项序号）：</translation>
    </message>
    <message>
        <source>Question bank as JSON</source>
        <translation>题库（JSON）</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save programme</source>
        <translation>保存认证方案(&amp;S)</translation>
    </message>
    <message>
        <source>No programme yet: saving creates version 1.</source>
        <translation>尚无认证方案：保存将生成 v1。</translation>
    </message>
    <message>
        <source>Certificates were issued under v{v}; saving creates v{next}.</source>
        <translation>已有证书按 v{v} 颁发，保存将生成 v{next}。</translation>
    </message>
    <message>
        <source>No certificate issued under v{v} yet: saving changes it in place.</source>
        <translation>v{v} 尚未颁发证书：保存将直接修改该版本。</translation>
    </message>
    <message>
        <source>Current version: v{v}.</source>
        <translation>当前版本：v{v}。</translation>
    </message>
    <message>
        <source>Saved as a new version v{v}; certificates issued under v{old} keep their criteria.</source>
        <translation>已保存为新版本 v{v}；按 v{old} 颁发的证书保持原有标准。</translation>
    </message>
    <message>
        <source>Saved (version v{v}).</source>
        <translation>已保存（版本 v{v}）。</translation>
    </message>
    <message>
        <source>&amp;Publish as a new version</source>
        <translation>发布为新版本(&amp;P)</translation>
    </message>
    <message>
        <source>Published (version {v}).</source>
        <translation>已发布（第 {v} 版）。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书管理</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持证人</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>变更原因</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Sus&amp;pend</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>撤销(&amp;V)</translation>
    </message>
    <message>
        <source>Rein&amp;state</source>
        <translation>恢复有效(&amp;S)</translation>
    </message>
    <message>
        <source>Select a certificate first.</source>
        <translation>请先选择一张证书。</translation>
    </message>
    <message>
        <source>Change this certificate?</source>
        <translation>变更这张证书？</translation>
    </message>
    <message>
        <source>{number}: {status}. Open orders to review: {n}.</source>
        <translation>{number}：{status}。需复核的进行中订单：{n} 个。</translation>
    </message>
    <message>
        <source>Issue the certificate?</source>
        <translation>颁发证书？</translation>
    </message>
    <message>
        <source>Reject the practical course?</source>
        <translation>退回实践课程？</translation>
    </message>
    <message>
        <source>Open disputes</source>
        <translation>待处理争议</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>裁决结果</translation>
    </message>
    <message>
        <source>Accept the delivery</source>
        <translation>判定验收</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Resume the work</source>
        <translation>继续制作</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>支付金额</translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation>裁决理由</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>裁决结果(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Payout:</source>
        <translation>支付金额(&amp;P)：</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>理由(&amp;E)：</translation>
    </message>
    <message>
        <source>Re&amp;solve dispute</source>
        <translation>裁决争议(&amp;S)</translation>
    </message>
    <message>
        <source>Select a dispute first.</source>
        <translation>请先选择一个争议。</translation>
    </message>
    <message>
        <source>Resolve the dispute?</source>
        <translation>裁决这个争议？</translation>
    </message>
    <message>
        <source>Resolved.</source>
        <translation>已裁决。</translation>
    </message>
    <message>
        <source>&amp;Period (YYYY-MM):</source>
        <translation>评定周期（年-月）(&amp;P)：</translation>
    </message>
    <message>
        <source>Evaluation period</source>
        <translation>评定周期</translation>
    </message>
    <message>
        <source>&amp;Run evaluation</source>
        <translation>运行评定(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Show stored results</source>
        <translation>查看已存结果(&amp;S)</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>评定前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>评定后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>promoted</source>
        <translation>晋级</translation>
    </message>
    <message>
        <source>demoted</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>kept, at risk</source>
        <translation>保持（预警）</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>保级预警</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Overridden</source>
        <translation>人工调整</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>评定前后对比</translation>
    </message>
    <message>
        <source>Override the selected maker&apos;s level</source>
        <translation>人工调整所选创客的等级</translation>
    </message>
    <message>
        <source>New level</source>
        <translation>新等级</translation>
    </message>
    <message>
        <source>Reason for the override</source>
        <translation>调整原因</translation>
    </message>
    <message>
        <source>&amp;Override</source>
        <translation>调整(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Export pay statements…</source>
        <translation>导出薪酬结算单(&amp;E)…</translation>
    </message>
    <message>
        <source>Select a maker first.</source>
        <translation>请先选择一位创客。</translation>
    </message>
    <message>
        <source>Export pay statements</source>
        <translation>导出薪酬结算单</translation>
    </message>
    <message>
        <source>Pay statements for 1 maker written to {path}.</source>
        <translation>已导出 1 位创客的薪酬结算单：{path}</translation>
    </message>
    <message>
        <source>Must fix</source>
        <translation>必改</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>To fix</source>
        <translation>待修改</translation>
    </message>
    <message>
        <source>Done by maker</source>
        <translation>创客已修改</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重开</translation>
    </message>
    <message>
        <source>addressed in v{n}</source>
        <translation>已在 v{n} 修改</translation>
    </message>
    <message>
        <source>not yet (carried to v{n})</source>
        <translation>未修改（带到 v{n}）</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Addressed</source>
        <translation>是否已改</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Page: click where the comment belongs</source>
        <translation>页面：点击批注所在的位置</translation>
    </message>
    <message>
        <source>Re&amp;solve</source>
        <translation>解决(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>重开(&amp;O)</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>标记已修改(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Undo done</source>
        <translation>撤销已修改(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Go to the page</source>
        <translation>转到该页(&amp;G)</translation>
    </message>
    <message>
        <source>Show the comment&apos;s page in the studio</source>
        <translation>在工作室中显示批注所在的页面</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the review as CSV or XLSX</source>
        <translation>将审阅批注导出为 CSV 或 XLSX</translation>
    </message>
    <message>
        <source>Select a comment first.</source>
        <translation>请先选择一条批注。</translation>
    </message>
    <message>
        <source>This comment is not on a page ({w}).</source>
        <translation>这条批注不在某一页上（{w}）。</translation>
    </message>
    <message>
        <source>Export the review</source>
        <translation>导出审阅批注</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported to {p}</source>
        <translation>已导出到 {p}</translation>
    </message>
    <message>
        <source>Select an order with a delivery to review it.</source>
        <translation>选择一个已有交付的订单进行审阅。</translation>
    </message>
    <message>
        <source>Pin a comment</source>
        <translation>添加批注</translation>
    </message>
    <message>
        <source>What the comment is about</source>
        <translation>批注针对的内容</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>针对：</translation>
    </message>
    <message>
        <source>Pages of the delivered course</source>
        <translation>交付课程的页面</translation>
    </message>
    <message>
        <source>Video time in seconds</source>
        <translation>视频时间（秒）</translation>
    </message>
    <message>
        <source>Use the player&apos;s &amp;position</source>
        <translation>使用播放器当前位置(&amp;P)</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Lines of the skit</source>
        <translation>情景剧台词</translation>
    </message>
    <message>
        <source>A comment on the delivery as a whole.</source>
        <translation>对整个交付的批注。</translation>
    </message>
    <message>
        <source>Comment text</source>
        <translation>批注内容</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>严重程度(&amp;V)：</translation>
    </message>
    <message>
        <source>Co&amp;mment:</source>
        <translation>批注(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Pin the comment</source>
        <translation>添加批注(&amp;P)</translation>
    </message>
    <message>
        <source>Comments on this order (carried over between versions)</source>
        <translation>本订单的批注（跨版本保留）</translation>
    </message>
    <message>
        <source>Note for the revision</source>
        <translation>修改说明</translation>
    </message>
    <message>
        <source>Note for the maker (optional)</source>
        <translation>给创客的说明（可选）</translation>
    </message>
    <message>
        <source>Request a revision with the open comments</source>
        <translation>按未解决的批注要求修改</translation>
    </message>
    <message>
        <source>Order #{id} — reviewing version v{v}</source>
        <translation>订单 #{id} — 正在审阅 v{v}</translation>
    </message>
    <message>
        <source>A page of the {f}</source>
        <translation>{f}的某一页</translation>
    </message>
    <message>
        <source>A time in the {f} video</source>
        <translation>{f}视频的某个时间点</translation>
    </message>
    <message>
        <source>A line of the skit</source>
        <translation>情景剧的某句台词</translation>
    </message>
    <message>
        <source>The delivery as a whole</source>
        <translation>整个交付</translation>
    </message>
    <message>
        <source>Position: {x}% across, {y}% down</source>
        <translation>位置：横向 {x}%，纵向 {y}%</translation>
    </message>
    <message>
        <source>Select an order with a delivery first.</source>
        <translation>请先选择一个已有交付的订单。</translation>
    </message>
    <message>
        <source>Choose a page first.</source>
        <translation>请先选择页面。</translation>
    </message>
    <message>
        <source>Choose a line first.</source>
        <translation>请先选择台词。</translation>
    </message>
    <message>
        <source>Comment #{id} pinned at {w}.</source>
        <translation>批注 #{id} 已添加到 {w}。</translation>
    </message>
    <message>
        <source>Revision requested with {n} open comment(s).</source>
        <translation>已要求修改，附 {n} 条未解决的批注。</translation>
    </message>
    <message>
        <source>Order whose comments are shown</source>
        <translation>显示批注的订单</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>订单：</translation>
    </message>
    <message>
        <source>{n} comment(s), {p} still to fix; pages with open comments carry a red badge.</source>
        <translation>共 {n} 条批注，{p} 条待修改；有待修改批注的页面缩略图带红色角标。</translation>
    </message>
    <message>
        <source>Pay statements for {n} makers written to {path}.</source>
        <translation>已导出 {n} 位创客的薪酬结算单：{path}</translation>
    </message>
    <message>
        <source>1 maker: {up} promoted, {down} demoted, {kept} kept.</source>
        <translation>共 1 位创客：晋级 {up}，降级 {down}，保持 {kept}。</translation>
    </message>
    <message>
        <source>{n} makers: {up} promoted, {down} demoted, {kept} kept.</source>
        <translation>共 {n} 位创客：晋级 {up}，降级 {down}，保持 {kept}。</translation>
    </message>
    <message>
        <source>Orders per month</source>
        <translation>每月订单数</translation>
    </message>
    <message>
        <source>Orders per business line</source>
        <translation>各业务条线订单数</translation>
    </message>
    <message>
        <source>Turnaround (days from award to acceptance)</source>
        <translation>交付周期（选定到验收的天数）</translation>
    </message>
    <message>
        <source>Buyer ratings</source>
        <translation>需求方评分分布</translation>
    </message>
    <message>
        <source>Learner NPS answers (0–10)</source>
        <translation>学员 NPS 打分分布（0–10）</translation>
    </message>
    <message>
        <source>Makers per level</source>
        <translation>各等级创客人数</translation>
    </message>
    <message>
        <source>Upload norms (versioned; checked on every delivery)</source>
        <translation>上传规范（按版本管理，每次交付都会检查）</translation>
    </message>
    <message>
        <source>Grade rules: levels, thresholds, pay multipliers</source>
        <translation>定级规则：等级、门槛与薪酬系数</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <source>Certification queue</source>
        <translation>认证评审</translation>
    </message>
    <message>
        <source>Certification programme</source>
        <translation>认证方案</translation>
    </message>
    <message>
        <source>Grade rules</source>
        <translation>定级规则</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>争议处理</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>待结算</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>定级评定</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>需求市场</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>平台运营</translation>
    </message>
    <message>
        <source>Turn PPT/Word into microcourses, deliver them through the market.</source>
        <translation>把 PPT/Word 做成微课，通过需求市场交付。</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Preparing the database…</source>
        <translation>正在准备数据库…</translation>
    </message>
    <message>
        <source>Load the &amp;demo scenario</source>
        <translation>加载演示数据(&amp;D)</translation>
    </message>
    <message>
        <source>Load the demo scenario</source>
        <translation>加载演示数据</translation>
    </message>
    <message>
        <source>Preparing the database</source>
        <translation>准备数据库</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>无法打开数据库。</translation>
    </message>
    <message>
        <source>This is a new, empty database. Load the demo scenario to try Creator Studio as a sample maker, buyer or staff member.</source>
        <translation>这是一个新的空数据库。加载演示数据后，可以用示例创客、需求方或平台运营账号体验创客工作室。</translation>
    </message>
    <message>
        <source>Database ready: {n} accounts.</source>
        <translation>数据库已就绪：共 {n} 个账号。</translation>
    </message>
    <message>
        <source>Sample accounts (demo):</source>
        <translation>示例账号（演示）：</translation>
    </message>
    <message>
        <source>Sign in as {name} ({role})</source>
        <translation>以 {name}（{role}）登录</translation>
    </message>
    <message>
        <source>Loading the demo scenario</source>
        <translation>正在加载演示数据</translation>
    </message>
    <message>
        <source>Enter your login name and password.</source>
        <translation>请输入登录名和密码。</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>正在登录</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit text block</source>
        <translation>编辑文本块</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Edit cell</source>
        <translation>编辑单元格</translation>
    </message>
    <message>
        <source>Title length</source>
        <translation>标题长度</translation>
    </message>
    <message>
        <source>Cover / title card</source>
        <translation>封面 / 片头</translation>
    </message>
    <message>
        <source>Video length</source>
        <translation>视频时长</translation>
    </message>
    <message>
        <source>Video resolution</source>
        <translation>视频分辨率</translation>
    </message>
    <message>
        <source>Video encoding</source>
        <translation>视频编码</translation>
    </message>
    <message>
        <source>Long image width</source>
        <translation>长图宽度</translation>
    </message>
    <message>
        <source>Long image parts</source>
        <translation>长图分段数</translation>
    </message>
    <message>
        <source>H5 quiz size</source>
        <translation>H5 题目数量</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <source>Forbidden wording</source>
        <translation>违禁用语</translation>
    </message>
    <message>
        <source>Placeholder text</source>
        <translation>占位文字</translation>
    </message>
    <message>
        <source>Disclaimer</source>
        <translation>免责声明</translation>
    </message>
    <message>
        <source>Narration audible</source>
        <translation>旁白可听</translation>
    </message>
    <message>
        <source>Video page length</source>
        <translation>视频页时长</translation>
    </message>
    <message>
        <source>Recording loudness</source>
        <translation>录音响度</translation>
    </message>
    <message>
        <source>Rendered forms</source>
        <translation>已渲染的课程形式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Run norms &amp;check</source>
        <translation>运行规范检查(&amp;C)</translation>
    </message>
    <message>
        <source>Run norms check</source>
        <translation>运行规范检查</translation>
    </message>
    <message>
        <source>Render the course, then check it against the upload norms.</source>
        <translation>先生成课程，再对照上传规范检查。</translation>
    </message>
    <message>
        <source>Norms findings</source>
        <translation>规范检查结果</translation>
    </message>
    <message>
        <source>Nothing rendered yet: render at least one form first.</source>
        <translation>尚未生成：请先生成至少一种课程形式。</translation>
    </message>
    <message>
        <source>Norms check</source>
        <translation>规范检查</translation>
    </message>
    <message>
        <source>{failures}, {warnings}</source>
        <translation>{failures}，{warnings}</translation>
    </message>
    <message>
        <source>1 failure</source>
        <translation>1 项不合格</translation>
    </message>
    <message>
        <source>{n} failures</source>
        <translation>{n} 项不合格</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 项警告</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} 项警告</translation>
    </message>
    <message>
        <source>Blocked: {counts}. Fix them before delivering.</source>
        <translation>不可交付：{counts}。请修改后再交付。</translation>
    </message>
    <message>
        <source>Ready to deliver: 1 warning.</source>
        <translation>可以交付：1 项警告。</translation>
    </message>
    <message>
        <source>Ready to deliver: {w} warnings.</source>
        <translation>可以交付：{w} 项警告。</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>List (one item per line)</source>
        <translation>列表（每行一项）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Audio/video</source>
        <translation>音视频</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>内容块</translation>
    </message>
    <message>
        <source>Page title</source>
        <translation>页面标题</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Page duration in seconds</source>
        <translation>页面时长（秒）</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>时长(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Look:</source>
        <translation>外观(&amp;L)：</translation>
    </message>
    <message>
        <source>Text blocks</source>
        <translation>文本内容</translation>
    </message>
    <message>
        <source>Narration (what the narrator reads)</source>
        <translation>讲解词（旁白朗读的内容）</translation>
    </message>
    <message>
        <source>Narration</source>
        <translation>讲解词</translation>
    </message>
    <message>
        <source>Trim recording…</source>
        <translation>剪辑录屏…</translation>
    </message>
    <message>
        <source>Set the in and out points of this page&apos;s screen recording</source>
        <translation>设置本页录屏的入点和出点</translation>
    </message>
    <message>
        <source>(picture)</source>
        <translation>（图片）</translation>
    </message>
    <message>
        <source>{r} rows × {c} columns</source>
        <translation>{r} 行 × {c} 列</translation>
    </message>
    <message>
        <source>(chart)</source>
        <translation>（图表）</translation>
    </message>
    <message>
        <source>Edit page title</source>
        <translation>编辑页面标题</translation>
    </message>
    <message>
        <source>Edit page duration</source>
        <translation>编辑页面时长</translation>
    </message>
    <message>
        <source>Edit narration</source>
        <translation>编辑讲解词</translation>
    </message>
    <message>
        <source>Long image preview</source>
        <translation>长图文预览</translation>
    </message>
    <message>
        <source>&amp;Open externally</source>
        <translation>用外部程序打开(&amp;O)</translation>
    </message>
    <message>
        <source>Open externally</source>
        <translation>用外部程序打开</translation>
    </message>
    <message>
        <source>The video player is not available on this computer.</source>
        <translation>这台电脑上无法使用内置视频播放器。</translation>
    </message>
    <message>
        <source>Video preview</source>
        <translation>视频预览</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>播放/暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Play or pause the video</source>
        <translation>播放或暂停视频</translation>
    </message>
    <message>
        <source>Captio&amp;ns</source>
        <translation>字幕(&amp;N)</translation>
    </message>
    <message>
        <source>Show captions</source>
        <translation>显示字幕</translation>
    </message>
    <message>
        <source>The built-in browser is not available; open the H5 course in your browser instead.</source>
        <translation>内置浏览器不可用，请在浏览器中打开 H5 课程。</translation>
    </message>
    <message>
        <source>H5 course preview</source>
        <translation>H5 课程预览</translation>
    </message>
    <message>
        <source>Open in &amp;browser</source>
        <translation>在浏览器中打开(&amp;B)</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Interactive (H5)</source>
        <translation>互动（H5）</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Outputs of this form</source>
        <translation>该形式的各项产出</translation>
    </message>
    <message>
        <source>No preview for this form. Files: {files}</source>
        <translation>此形式暂无预览。文件：{files}</translation>
    </message>
    <message>
        <source>Previews</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Render a form to preview it here.</source>
        <translation>生成课程后在这里预览。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation>单选题</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>多选题</translation>
    </message>
    <message>
        <source>True/false</source>
        <translation>判断题</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>填空题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>题型</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题干</translation>
    </message>
    <message>
        <source>Options (separate with |)</source>
        <translation>选项（用 | 分隔）</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>解析</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Quiz questions</source>
        <translation>测验题</translation>
    </message>
    <message>
        <source>&amp;Add question</source>
        <translation>添加题目(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove question</source>
        <translation>删除题目(&amp;R)</translation>
    </message>
    <message>
        <source>1 question, pass mark {p}%</source>
        <translation>共 1 题，及格线 {p}%</translation>
    </message>
    <message>
        <source>{n} questions, pass mark {p}%</source>
        <translation>共 {n} 题，及格线 {p}%</translation>
    </message>
    <message>
        <source>New question</source>
        <translation>新题目</translation>
    </message>
    <message>
        <source>Option A</source>
        <translation>选项一</translation>
    </message>
    <message>
        <source>Option B</source>
        <translation>选项二</translation>
    </message>
    <message>
        <source>Select a question in the list, or add one.</source>
        <translation>在列表中选择一道题，或添加新题。</translation>
    </message>
    <message>
        <source>Question kind</source>
        <translation>题型</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>题型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>题干(&amp;Q)：</translation>
    </message>
    <message>
        <source>Options — mark the right answer</source>
        <translation>选项——标出正确答案</translation>
    </message>
    <message>
        <source>Add o&amp;ption</source>
        <translation>添加选项(&amp;P)</translation>
    </message>
    <message>
        <source>Accepted answers</source>
        <translation>可接受的答案</translation>
    </message>
    <message>
        <source>Accepted answers, separated by /</source>
        <translation>可接受的答案，用 / 分隔</translation>
    </message>
    <message>
        <source>Accepted ans&amp;wers:</source>
        <translation>可接受答案(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Explanation:</source>
        <translation>解析(&amp;E)：</translation>
    </message>
    <message>
        <source>P&amp;oints:</source>
        <translation>分值(&amp;O)：</translation>
    </message>
    <message>
        <source>True</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>False</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Right answer</source>
        <translation>正确答案</translation>
    </message>
    <message>
        <source>Option {letter} is right</source>
        <translation>选项 {letter} 为正确答案</translation>
    </message>
    <message>
        <source>Option {letter}</source>
        <translation>选项 {letter}</translation>
    </message>
    <message>
        <source>no business line</source>
        <translation>未设业务条线</translation>
    </message>
    <message>
        <source>Search by name, login or employee no.</source>
        <translation>按姓名、登录名或工号搜索</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>搜索人员</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Matching people</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Chosen people</source>
        <translation>已选人员</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Nobody matches “{text}”.</source>
        <translation>没有与“{text}”匹配的人员。</translation>
    </message>
    <message>
        <source>Search, then choose a person in the list first.</source>
        <translation>请先搜索，并在列表中选择一位人员。</translation>
    </message>
    <message>
        <source>Remove option {letter}</source>
        <translation>删除选项 {letter}</translation>
    </message>
    <message>
        <source>Change the question kind</source>
        <translation>更改题型</translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation>删除选项</translation>
    </message>
    <message>
        <source>Loading course forms…</source>
        <translation>正在加载课程形式…</translation>
    </message>
    <message>
        <source>&amp;Render selected forms</source>
        <translation>生成所选形式(&amp;R)</translation>
    </message>
    <message>
        <source>Render selected forms</source>
        <translation>生成所选形式</translation>
    </message>
    <message>
        <source>Choose the forms to produce and their options.</source>
        <translation>选择要生成的课程形式及其选项。</translation>
    </message>
    <message>
        <source>The saved render of {forms} is missing or was changed; render again.</source>
        <translation>已保存的{forms}生成结果缺失或已被改动，请重新生成。</translation>
    </message>
    <message>
        <source>Select at least one form.</source>
        <translation>请至少选择一种课程形式。</translation>
    </message>
    <message>
        <source>Rendering</source>
        <translation>正在生成</translation>
    </message>
    <message>
        <source>Rendering was cancelled.</source>
        <translation>已取消生成。</translation>
    </message>
    <message>
        <source>Rendered: {forms}</source>
        <translation>已生成：{forms}</translation>
    </message>
    <message>
        <source>{form} failed: {message}</source>
        <translation>{form} 生成失败：{message}</translation>
    </message>
    <message>
        <source>This course has no skit script yet. Dialogue found in the source appears here after import; you can also start one.</source>
        <translation>这门课程还没有情景剧脚本。导入时识别到的对话会显示在这里，也可以新建脚本。</translation>
    </message>
    <message>
        <source>&amp;Start a skit script</source>
        <translation>新建情景剧脚本(&amp;S)</translation>
    </message>
    <message>
        <source>Start a skit script</source>
        <translation>新建情景剧脚本</translation>
    </message>
    <message>
        <source>Cast</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>配音</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>站位</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Add &amp;character</source>
        <translation>添加角色(&amp;C)</translation>
    </message>
    <message>
        <source>Remove character</source>
        <translation>删除角色</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Add &amp;scene</source>
        <translation>添加场景(&amp;S)</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>台词</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>台词</translation>
    </message>
    <message>
        <source>Emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <source>Add &amp;line</source>
        <translation>添加台词(&amp;L)</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除台词</translation>
    </message>
    <message>
        <source>Record line in my voice…</source>
        <translation>用我的声音录这句台词…</translation>
    </message>
    <message>
        <source>Record the selected line in your own voice instead of the synthetic one</source>
        <translation>用你自己的声音录制所选台词，代替合成语音</translation>
    </message>
    <message>
        <source>Use the page&apos;s recording</source>
        <translation>使用所在页面的录音</translation>
    </message>
    <message>
        <source>Speak the selected line with the recording of the page it came from</source>
        <translation>所选台词改用其来源页面的录音</translation>
    </message>
    <message>
        <source>Decision point:</source>
        <translation>决策点：</translation>
    </message>
    <message>
        <source>Decision prompt</source>
        <translation>决策提问</translation>
    </message>
    <message>
        <source>Question the learner answers at the end of the scene</source>
        <translation>场景结束时学员需要回答的问题</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Next scene</source>
        <translation>下一场景</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Add c&amp;hoice</source>
        <translation>添加选项(&amp;H)</translation>
    </message>
    <message>
        <source>Remove choice</source>
        <translation>删除选项</translation>
    </message>
    <message>
        <source>(end)</source>
        <translation>（结束）</translation>
    </message>
    <message>
        <source>Scene 1</source>
        <translation>场景 1</translation>
    </message>
    <message>
        <source>Start skit script</source>
        <translation>新建情景剧脚本</translation>
    </message>
    <message>
        <source>Character {n}</source>
        <translation>角色 {n}</translation>
    </message>
    <message>
        <source>Scene {n}</source>
        <translation>场景 {n}</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>新台词</translation>
    </message>
    <message>
        <source>Add choice</source>
        <translation>添加选项</translation>
    </message>
    <message>
        <source>New choice</source>
        <translation>新选项</translation>
    </message>
    <message>
        <source>Edit decision prompt</source>
        <translation>编辑决策提问</translation>
    </message>
    <message>
        <source>&amp;Import PPT/Word…</source>
        <translation>导入 PPT/Word(&amp;I)…</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Import a PowerPoint or Word file</source>
        <translation>导入 PowerPoint 或 Word 文件</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>No course open — import a PPT/Word file or drop it here.</source>
        <translation>尚未打开课程——请导入 PPT/Word 文件，或把文件拖到这里。</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Studio sections</source>
        <translation>工作室分区</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Skit script</source>
        <translation>情景剧脚本</translation>
    </message>
    <message>
        <source>Forms &amp;&amp; render</source>
        <translation>形式与生成</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>{title}{mark} — 1 page ({where})</source>
        <translation>{title}{mark} — 共 1 页（{where}）</translation>
    </message>
    <message>
        <source>{title}{mark} — {n} pages ({where})</source>
        <translation>{title}{mark} — 共 {n} 页（{where}）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>“{title}” has changes that are not saved. Save them?</source>
        <translation>“{title}”有未保存的修改，是否保存？</translation>
    </message>
    <message>
        <source>Office documents (*.pptx *.pptm *.ppsx *.potx *.docx *.docm *.dotx)</source>
        <translation>Office 文档 (*.pptx *.pptm *.ppsx *.potx *.docx *.docm *.dotx)</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>正在导入 {name}</translation>
    </message>
    <message>
        <source>Open a course project folder</source>
        <translation>打开课程项目文件夹</translation>
    </message>
    <message>
        <source>Choose a folder for the project</source>
        <translation>选择项目保存位置</translation>
    </message>
    <message>
        <source>Recover your work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>Creator Studio did not close properly. Recover “{title}” (autosaved {when})?</source>
        <translation>创客工作室上次未正常关闭。是否恢复“{title}”（自动保存于 {when}）？</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>第 {n} 页</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Request: {t}</source>
        <translation>需求：{t}</translation>
    </message>
    <message>
        <source>Maker: {m} — price {p}, delivery in 1 day</source>
        <translation>创客：{m} — 价格 {p}，1 天交付</translation>
    </message>
    <message>
        <source>Maker: {m} — price {p}, delivery in {d} days</source>
        <translation>创客：{m} — 价格 {p}，{d} 天交付</translation>
    </message>
    <message>
        <source>An order is created at this price; the deadline clock starts now.</source>
        <translation>将按此价格生成订单，交付期限从现在开始计时。</translation>
    </message>
    <message>
        <source>The maker is notified; every other offer is closed and its maker told.</source>
        <translation>将通知该创客；其他报价全部关闭并通知各自的创客。</translation>
    </message>
    <message>
        <source>Order #{id}: {t}</source>
        <translation>订单 #{id}：{t}</translation>
    </message>
    <message>
        <source>The delivery is accepted as final; no more revisions.</source>
        <translation>本次交付将作为最终版本验收，不能再要求修改。</translation>
    </message>
    <message>
        <source>{p} becomes due to {m}; staff mark it paid.</source>
        <translation>应付 {m} {p}，由平台标记结算。</translation>
    </message>
    <message>
        <source>The maker is notified; the rating window opens for both of you.</source>
        <translation>将通知创客；双方的评价窗口随即开启。</translation>
    </message>
    <message>
        <source>Order #{id}</source>
        <translation>订单 #{id}</translation>
    </message>
    <message>
        <source>{p} is recorded as paid to {m}; the order closes.</source>
        <translation>记录已向 {m} 支付 {p}，订单关闭。</translation>
    </message>
    <message>
        <source>The maker is notified.</source>
        <translation>将通知创客。</translation>
    </message>
    <message>
        <source>Maker: {m}</source>
        <translation>创客：{m}</translation>
    </message>
    <message>
        <source>A certificate for {f} is issued now and can be verified by its code.</source>
        <translation>立即颁发 {f} 证书，可凭验证码核验。</translation>
    </message>
    <message>
        <source>The maker may offer on requests for these forms; the maker is notified.</source>
        <translation>创客即可对这些形式的需求报价；将通知创客。</translation>
    </message>
    <message>
        <source>The practical course is rejected with your comment; the maker is notified.</source>
        <translation>实践课程将连同您的意见退回，并通知创客。</translation>
    </message>
    <message>
        <source>Revoked for good: it fails verification and cannot be reinstated.</source>
        <translation>永久撤销：证书核验将失败，且不能恢复。</translation>
    </message>
    <message>
        <source>Suspended: no new offers, awards or deliveries until reinstated.</source>
        <translation>暂停：恢复前不能报价、中标或交付。</translation>
    </message>
    <message>
        <source>Reinstated: the maker may take work again.</source>
        <translation>恢复：创客可以重新接单。</translation>
    </message>
    <message>
        <source>Certificate {n} of {h}</source>
        <translation>{h} 的证书 {n}</translation>
    </message>
    <message>
        <source>Orders in progress are listed for staff; the holder is notified.</source>
        <translation>进行中的订单会列出供平台处理；将通知持证人。</translation>
    </message>
    <message>
        <source>Order #{id}: {t} — price {p}</source>
        <translation>订单 #{id}：{t} — 价格 {p}</translation>
    </message>
    <message>
        <source>The delivery is accepted; {p} is due to {m}.</source>
        <translation>判定验收；应付 {m} {p}。</translation>
    </message>
    <message>
        <source>The order is cancelled; {p} is due to {m}.</source>
        <translation>取消订单；应付 {m} {p}。</translation>
    </message>
    <message>
        <source>Work resumes; the deadline moves by 1 day.</source>
        <translation>继续制作；交付期限顺延 1 天。</translation>
    </message>
    <message>
        <source>Work resumes; the deadline moves by {n} days.</source>
        <translation>继续制作；交付期限顺延 {n} 天。</translation>
    </message>
    <message>
        <source>Both {b} and {m} are notified with your reason.</source>
        <translation>将把裁决理由通知 {b} 和 {m}。</translation>
    </message>
    <message>
        <source>Cancel the running job</source>
        <translation>取消正在进行的任务</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>new</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>消息通知</translation>
    </message>
    <message>
        <source>Mark all as &amp;read</source>
        <translation>全部标为已读(&amp;R)</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>需求方</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>创客</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Attachment: {name} ({kb} KB)</source>
        <translation>附件：{name}（{kb} KB）</translation>
    </message>
    <message>
        <source>✓ read by {names}</source>
        <translation>✓ {names} 已读</translation>
    </message>
    <message>
        <source>Messages and events of the order</source>
        <translation>订单的消息与事件</translation>
    </message>
    <message>
        <source>&amp;Save attachment…</source>
        <translation>保存附件(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the attachment of the selected message</source>
        <translation>保存所选消息的附件</translation>
    </message>
    <message>
        <source>Write a message to the other side of the order…</source>
        <translation>给订单另一方写消息…</translation>
    </message>
    <message>
        <source>&amp;Attach…</source>
        <translation>添加附件(&amp;A)…</translation>
    </message>
    <message>
        <source>Attach files to the message</source>
        <translation>给消息添加附件</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>发送(&amp;N)</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Read-only: staff write in a thread only while the order is disputed.</source>
        <translation>只读：平台人员仅在订单争议期间可以发言。</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>You cannot write in this thread.</source>
        <translation>您不能在此发言。</translation>
    </message>
    <message>
        <source>Select a message with an attachment.</source>
        <translation>请选择一条带附件的消息。</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <source>Saved to {p}</source>
        <translation>已保存到 {p}</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Orders and their messages</source>
        <translation>订单及其消息</translation>
    </message>
    <message>
        <source>The selected order</source>
        <translation>所选订单</translation>
    </message>
    <message>
        <source>Brief &amp;&amp; source files</source>
        <translation>需求与素材</translation>
    </message>
    <message>
        <source>Select a request or an order to see its brief.</source>
        <translation>选择一个需求或订单，查看需求详情。</translation>
    </message>
    <message>
        <source>Business line:</source>
        <translation>业务条线：</translation>
    </message>
    <message>
        <source>Buyer:</source>
        <translation>需求方：</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>预算：</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>截止日期：</translation>
    </message>
    <message>
        <source>Rules of the deal:</source>
        <translation>交易规则：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>需求说明</translation>
    </message>
    <message>
        <source>Source files of the request</source>
        <translation>需求的素材文件</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>下载(&amp;D)…</translation>
    </message>
    <message>
        <source>Download the selected source file</source>
        <translation>下载所选素材文件</translation>
    </message>
    <message>
        <source>Open in the &amp;studio</source>
        <translation>在工作室中打开(&amp;S)</translation>
    </message>
    <message>
        <source>Open the source in the studio as a new project for this order</source>
        <translation>在工作室中将素材作为本订单的新项目打开</translation>
    </message>
    <message>
        <source>{r} revision rounds; auto-accept after {a} days; {w} days to rate</source>
        <translation>含 {r} 轮修改；交付 {a} 天后自动验收；{w} 天内评价</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>（无说明）</translation>
    </message>
    <message>
        <source>The buyer attached no files.</source>
        <translation>需求方没有上传素材。</translation>
    </message>
    <message>
        <source>{n} source file(s); they can be downloaded once the request is awarded to you.</source>
        <translation>共 {n} 个素材文件；需求选定您之后即可下载。</translation>
    </message>
    <message>
        <source>Save the source file to</source>
        <translation>将素材保存到</translation>
    </message>
    <message>
        <source>Select a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>The source opens in the studio after the award.</source>
        <translation>选定之后才能在工作室中打开素材。</translation>
    </message>
    <message>
        <source>Opened {name} in the studio for order #{id}.</source>
        <translation>已在工作室中为订单 #{id} 打开 {name}。</translation>
    </message>
    <message>
        <source>Empty: the market on this computer</source>
        <translation>留空：使用本机的需求市场</translation>
    </message>
    <message>
        <source>Team server URL</source>
        <translation>团队服务器地址</translation>
    </message>
    <message>
        <source>Team &amp;server:</source>
        <translation>团队服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>The server URL starts with http:// or https://</source>
        <translation>服务器地址须以 http:// 或 https:// 开头</translation>
    </message>
    <message>
        <source>Connected to the team server again.</source>
        <translation>已重新连接团队服务器。</translation>
    </message>
    <message>
        <source>Offline: the team server cannot be reached. Retrying… Your typed work is kept.</source>
        <translation>离线：无法连接团队服务器，正在重试…… 已输入的内容会保留。</translation>
    </message>
    <message>
        <source>Narrate (notes, or the page&apos;s own text)</source>
        <translation>配音（讲解词，没有时朗读页面文字）</translation>
    </message>
    <message>
        <source>Music only / silent</source>
        <translation>仅音乐／静音</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>试听</translation>
    </message>
    <message>
        <source>Listen to this page&apos;s narration</source>
        <translation>试听本页旁白</translation>
    </message>
    <message>
        <source>Use the page&apos;s text as the script</source>
        <translation>用页面文字作讲解词</translation>
    </message>
    <message>
        <source>Use a recording…</source>
        <translation>使用录音…</translation>
    </message>
    <message>
        <source>Choose a recorded narration file for this page</source>
        <translation>为本页选择录好的旁白音频</translation>
    </message>
    <message>
        <source>Remove recording</source>
        <translation>移除录音</translation>
    </message>
    <message>
        <source>Pronunciation fixes (this project)</source>
        <translation>读音修正（本项目）</translation>
    </message>
    <message>
        <source>Word, e.g. 趸交</source>
        <translation>词语，如 趸交</translation>
    </message>
    <message>
        <source>Word to fix</source>
        <translation>要修正的词语</translation>
    </message>
    <message>
        <source>Pinyin, e.g. dǔn jiāo or dun3 jiao1</source>
        <translation>拼音，如 dǔn jiāo 或 dun3 jiao1</translation>
    </message>
    <message>
        <source>Correct reading in pinyin</source>
        <translation>正确读音（拼音）</translation>
    </message>
    <message>
        <source>Save reading</source>
        <translation>保存读音</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Project readings</source>
        <translation>本项目的读音</translation>
    </message>
    <message>
        <source>Word:</source>
        <translation>词语：</translation>
    </message>
    <message>
        <source>Read now as:</source>
        <translation>当前读作：</translation>
    </message>
    <message>
        <source>Reading:</source>
        <translation>读音：</translation>
    </message>
    <message>
        <source>No notes: the video reads the page&apos;s own text:</source>
        <translation>没有讲解词：视频将朗读页面上的文字：</translation>
    </message>
    <message>
        <source>The video reads the notes above.</source>
        <translation>视频朗读上方的讲解词。</translation>
    </message>
    <message>
        <source>No notes: the video reads the page&apos;s own text (shown greyed above).</source>
        <translation>没有讲解词：视频朗读页面上的文字（上方灰色显示）。</translation>
    </message>
    <message>
        <source>The maker&apos;s recording is used for this page.</source>
        <translation>本页使用创客自己的录音。</translation>
    </message>
    <message>
        <source>Music only / silent: this page has no voice and no captions.</source>
        <translation>仅音乐／静音：本页没有配音和字幕。</translation>
    </message>
    <message>
        <source>Nothing to read on this page.</source>
        <translation>本页没有可朗读的内容。</translation>
    </message>
    <message>
        <source>Change narration choice</source>
        <translation>更改旁白方式</translation>
    </message>
    <message>
        <source>Use page text as narration</source>
        <translation>用页面文字作讲解词</translation>
    </message>
    <message>
        <source>Choose a recorded narration</source>
        <translation>选择录好的旁白</translation>
    </message>
    <message>
        <source>Audio (*.wav *.mp3 *.m4a *.aac *.ogg *.flac)</source>
        <translation>音频 (*.wav *.mp3 *.m4a *.aac *.ogg *.flac)</translation>
    </message>
    <message>
        <source>Use a recording</source>
        <translation>使用录音</translation>
    </message>
    <message>
        <source>Recording attached ({s:.1f} s).</source>
        <translation>已使用录音（{s:.1f} 秒）。</translation>
    </message>
    <message>
        <source>Synthesising…</source>
        <translation>正在合成语音…</translation>
    </message>
    <message>
        <source>No speech engine on this machine: the video would be silent here.</source>
        <translation>本机没有语音合成引擎：视频中这一页将没有声音。</translation>
    </message>
    <message>
        <source>Audio made ({s} s) but this computer cannot play sound: {p}</source>
        <translation>已生成试听音频（{s} 秒），但这台电脑无法播放声音：{p}</translation>
    </message>
    <message>
        <source>Playing {s} s ({engine}).</source>
        <translation>正在播放 {s} 秒（{engine}）。</translation>
    </message>
    <message>
        <source>Could not synthesise: {e}</source>
        <translation>无法合成语音：{e}</translation>
    </message>
    <message>
        <source>Fix a word&apos;s reading</source>
        <translation>修正词语读音</translation>
    </message>
    <message>
        <source>Saved: {w} is now read {r}.</source>
        <translation>已保存：“{w}”现在读作 {r}。</translation>
    </message>
    <message>
        <source>Remove a reading</source>
        <translation>删除读音</translation>
    </message>
    <message>
        <source>An unfinished take of this page was found ({s} s). Recover it?</source>
        <translation>找到本页一段未完成的录音（{s} 秒），要恢复吗？</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>输入音量</translation>
    </message>
    <message>
        <source>Keep {a} s – {b} s of {t} s</source>
        <translation>保留 {a} 秒 – {b} 秒（共 {t} 秒）</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Microphone:</source>
        <translation>麦克风：</translation>
    </message>
    <message>
        <source>Narration script</source>
        <translation>旁白讲稿</translation>
    </message>
    <message>
        <source>No microphone found. Connect one (or allow microphone access in the system settings), then reopen this window.</source>
        <translation>没有找到麦克风。请连接麦克风（或在系统设置中允许使用麦克风），然后重新打开此窗口。</translation>
    </message>
    <message>
        <source>Record narration</source>
        <translation>录制旁白</translation>
    </message>
    <message>
        <source>Record narration…</source>
        <translation>录音…</translation>
    </message>
    <message>
        <source>Record narration… (an unfinished take can be recovered)</source>
        <translation>录音…（有一段未完成的录音可恢复）</translation>
    </message>
    <message>
        <source>Record this page&apos;s narration with your own voice</source>
        <translation>用自己的声音为本页录制旁白</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>正在录音…</translation>
    </message>
    <message>
        <source>Recording… {s} s</source>
        <translation>正在录音… {s} 秒</translation>
    </message>
    <message>
        <source>Recover unfinished take</source>
        <translation>恢复未完成的录音</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>重录</translation>
    </message>
    <message>
        <source>Take recorded: {s} s. Play it, trim it, then use it or retake.</source>
        <translation>已录好 {s} 秒。可试听、裁剪，然后使用或重录。</translation>
    </message>
    <message>
        <source>This computer cannot play sound; the take is kept at {p}</source>
        <translation>这台电脑无法播放声音；录音保存在 {p}</translation>
    </message>
    <message>
        <source>This page now uses your recording ({s} s, {l} LUFS).</source>
        <translation>本页现在使用你的录音（{s} 秒，{l} LUFS）。</translation>
    </message>
    <message>
        <source>Trim silence</source>
        <translation>裁掉静音</translation>
    </message>
    <message>
        <source>Trimming and levelling the take…</source>
        <translation>正在裁剪并统一音量…</translation>
    </message>
    <message>
        <source>Use this take</source>
        <translation>使用这段录音</translation>
    </message>
    <message>
        <source>Waveform of the take; drag the handles to trim</source>
        <translation>录音波形；拖动两侧手柄裁剪</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>● Record</source>
        <translation>● 录音</translation>
    </message>
    <message>
        <source>Insert screen recording</source>
        <translation>插入录屏</translation>
    </message>
    <message>
        <source>Record screen…</source>
        <translation>录屏…</translation>
    </message>
    <message>
        <source>Record the screen as a new video page after this one</source>
        <translation>录制屏幕，作为本页之后的新视频页</translation>
    </message>
    <message>
        <source>Retake screen recording</source>
        <translation>重录屏幕录像</translation>
    </message>
    <message>
        <source>Record the microphone too</source>
        <translation>同时录制麦克风</translation>
    </message>
    <message>
        <source>What to record</source>
        <translation>录制内容</translation>
    </message>
    <message>
        <source>A region of the screen…</source>
        <translation>屏幕的一个区域…</translation>
    </message>
    <message>
        <source>Choose region…</source>
        <translation>选择区域…</translation>
    </message>
    <message>
        <source>Highlight the cursor and clicks</source>
        <translation>突出显示光标和点击</translation>
    </message>
    <message>
        <source>Show my webcam in a corner</source>
        <translation>在角落显示我的摄像头画面</translation>
    </message>
    <message>
        <source>No camera found: the recording has no webcam bubble.</source>
        <translation>未找到摄像头：录制内容将不含摄像头画面。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Record this screen recording again</source>
        <translation>重新录制这段录屏</translation>
    </message>
    <message>
        <source>Apply in/out points</source>
        <translation>应用入点/出点</translation>
    </message>
    <message>
        <source>Keep only the part between the two handles</source>
        <translation>只保留两个把手之间的部分</translation>
    </message>
    <message>
        <source>Region: {w}×{h} at ({x}, {y})</source>
        <translation>区域：{w}×{h}，位于 ({x}, {y})</translation>
    </message>
    <message>
        <source>In/out points stored; the recording itself is kept whole.</source>
        <translation>已保存入点/出点；原始录屏完整保留。</translation>
    </message>
    <message>
        <source>Recording the screen… (F10 stops, F9 pauses)</source>
        <translation>正在录屏…（F10 停止，F9 暂停）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Finishing the recording (region, cursor)…</source>
        <translation>正在处理录屏（区域、光标）…</translation>
    </message>
    <message>
        <source>The region/cursor pass failed; the recording is kept as it was: {e}</source>
        <translation>区域/光标处理失败，录屏按原样保留：{e}</translation>
    </message>
    <message>
        <source>Retake stored in the video page: {t}</source>
        <translation>重录已替换视频页中的录屏：{t}</translation>
    </message>
    <message>
        <source>Inserted as a video page: {t}</source>
        <translation>已作为视频页插入：{t}</translation>
    </message>
    <message>
        <source>Slide picture</source>
        <translation>整页幻灯片图片</translation>
    </message>
    <message>
        <source>Reflowed text</source>
        <translation>重排文字</translation>
    </message>
    <message>
        <source>Slide picture + notes as text</source>
        <translation>幻灯片图片 + 备注文字</translation>
    </message>
    <message>
        <source>Page look</source>
        <translation>页面外观</translation>
    </message>
    <message>
        <source>Automatic: {mode}</source>
        <translation>自动：{mode}</translation>
    </message>
    <message>
        <source>Chosen from the slide&apos;s layout: {why}</source>
        <translation>根据幻灯片版式选择：{why}</translation>
    </message>
    <message>
        <source>You changed this page&apos;s look.</source>
        <translation>你已修改本页外观。</translation>
    </message>
    <message>
        <source>Change page look</source>
        <translation>修改页面外观</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>1 day left</source>
        <translation>还剩 1 天</translation>
    </message>
    <message>
        <source>{n} days left</source>
        <translation>还剩 {n} 天</translation>
    </message>
    <message>
        <source>Overdue by 1 day</source>
        <translation>已逾期 1 天</translation>
    </message>
    <message>
        <source>Overdue by {n} days</source>
        <translation>已逾期 {n} 天</translation>
    </message>
    <message>
        <source>{n} offers</source>
        <translation>{n} 份报价</translation>
    </message>
    <message>
        <source>1 offer</source>
        <translation>1 份报价</translation>
    </message>
    <message>
        <source>Progress of all running jobs</source>
        <translation>所有进行中任务的进度</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Running jobs</source>
        <translation>进行中的任务</translation>
    </message>
    <message>
        <source>Cancel all running jobs</source>
        <translation>取消所有进行中的任务</translation>
    </message>
    <message>
        <source>{n} jobs: {first} …</source>
        <translation>{n} 个任务：{first} …</translation>
    </message>
    <message>
        <source>Cancel “{job}” ({p}%)</source>
        <translation>取消“{job}”（{p}%）</translation>
    </message>
    <message>
        <source>Judging progress</source>
        <translation>评审进度</translation>
    </message>
    <message>
        <source>{judge}: {done} of {assigned} scored, {excluded} excluded</source>
        <translation>{judge}：已评 {done}/{assigned}，回避 {excluded}</translation>
    </message>
    <message>
        <source>{done}/{assigned} · {excluded} excluded</source>
        <translation>{done}/{assigned} · 回避 {excluded}</translation>
    </message>
    <message>
        <source>Entries per business line</source>
        <translation>各业务条线作品数</translation>
    </message>
    <message>
        <source>Entries per form</source>
        <translation>各课程形式作品数</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>共 {n} 件作品</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>共 1 件作品</translation>
    </message>
    <message>
        <source>Scores · {name}</source>
        <translation>分数分布 · {name}</translation>
    </message>
    <message>
        <source>Accurate content</source>
        <translation>内容准确</translation>
    </message>
    <message>
        <source>Terms, figures and procedures are correct</source>
        <translation>条款、数据、流程准确无误</translation>
    </message>
    <message>
        <source>Instructional design</source>
        <translation>教学设计</translation>
    </message>
    <message>
        <source>Clear goals, sound structure, fitting interaction</source>
        <translation>目标清晰、结构合理、互动得当</translation>
    </message>
    <message>
        <source>Production quality</source>
        <translation>制作质量</translation>
    </message>
    <message>
        <source>Picture, sound and layout are polished</source>
        <translation>画面、声音、排版精良</translation>
    </message>
    <message>
        <source>Business value</source>
        <translation>业务价值</translation>
    </message>
    <message>
        <source>Real help for selling and closing</source>
        <translation>对展业与成交的实际帮助</translation>
    </message>
    <message>
        <source>Contest theme, e.g. Help sales, close deals</source>
        <translation>大赛主题，如：助力展业，直达成交</translation>
    </message>
    <message>
        <source>Contest theme</source>
        <translation>大赛主题</translation>
    </message>
    <message>
        <source>Contest description</source>
        <translation>大赛说明</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>个人赛</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>团队赛</translation>
    </message>
    <message>
        <source>All employees</source>
        <translation>全体员工</translation>
    </message>
    <message>
        <source>Certified makers</source>
        <translation>持证创客</translation>
    </message>
    <message>
        <source>Chosen business lines</source>
        <translation>指定业务条线</translation>
    </message>
    <message>
        <source>Z-score per judge</source>
        <translation>逐评委 Z 分数标准化</translation>
    </message>
    <message>
        <source>Mean without the highest and lowest</source>
        <translation>去掉最高最低分取平均</translation>
    </message>
    <message>
        <source>Judges skip entries from their own business line</source>
        <translation>评委回避本业务条线的作品</translation>
    </message>
    <message>
        <source>Entries open</source>
        <translation>开始报名</translation>
    </message>
    <message>
        <source>Entries close</source>
        <translation>截止报名</translation>
    </message>
    <message>
        <source>Judging closes</source>
        <translation>评审截止</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>公布结果</translation>
    </message>
    <message>
        <source>Rubric (JSON)</source>
        <translation>评分标准（JSON）</translation>
    </message>
    <message>
        <source>Judges</source>
        <translation>评委</translation>
    </message>
    <message>
        <source>Draft contests</source>
        <translation>草稿大赛</translation>
    </message>
    <message>
        <source>Edit the draft</source>
        <translation>编辑草稿</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>草稿：</translation>
    </message>
    <message>
        <source>Forms allowed</source>
        <translation>允许的形式</translation>
    </message>
    <message>
        <source>Entry mode</source>
        <translation>参赛方式</translation>
    </message>
    <message>
        <source>Team size limit</source>
        <translation>团队人数上限</translation>
    </message>
    <message>
        <source>Who may enter</source>
        <translation>参赛资格</translation>
    </message>
    <message>
        <source>Score normalisation</source>
        <translation>标准化方法</translation>
    </message>
    <message>
        <source>Create contest</source>
        <translation>创建大赛</translation>
    </message>
    <message>
        <source>Publish contest</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Show ranking</source>
        <translation>查看排名</translation>
    </message>
    <message>
        <source>Publish awards (top three: first, second, third)</source>
        <translation>公布奖项（前三名一二三等奖）</translation>
    </message>
    <message>
        <source>Contest dashboard</source>
        <translation>大赛看板</translation>
    </message>
    <message>
        <source>Entries &amp;&amp; blind check</source>
        <translation>参赛作品与匿名检查</translation>
    </message>
    <message>
        <source>Contest figures</source>
        <translation>大赛数据</translation>
    </message>
    <message>
        <source>Entries in total</source>
        <translation>作品总数</translation>
    </message>
    <message>
        <source>Score distribution · {criterion}</source>
        <translation>分数分布 · {criterion}</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>The rubric must be JSON.</source>
        <translation>评分标准须为 JSON。</translation>
    </message>
    <message>
        <source>No draft contest to edit: create one first.</source>
        <translation>没有可编辑的草稿大赛：请先创建。</translation>
    </message>
    <message>
        <source>Editing draft #{id}: change the form, then save.</source>
        <translation>正在编辑草稿 #{id}：修改表单后保存。</translation>
    </message>
    <message>
        <source>Draft #{id} saved.</source>
        <translation>草稿 #{id} 已保存。</translation>
    </message>
    <message>
        <source>Contest #{id} created (draft).</source>
        <translation>已创建大赛 #{id}（草稿）</translation>
    </message>
    <message>
        <source>Create a contest first.</source>
        <translation>请先创建大赛</translation>
    </message>
    <message>
        <source>Contest #{id} published.</source>
        <translation>大赛 #{id} 已发布</translation>
    </message>
    <message>
        <source>No pictures, PDFs or video to check</source>
        <translation>无需检查的图片、PDF 或视频</translation>
    </message>
    <message>
        <source>Pixels checked by OCR (1 file)</source>
        <translation>画面文字已经 OCR 检查（1 个文件）</translation>
    </message>
    <message>
        <source>Pixels checked by OCR ({n} files)</source>
        <translation>画面文字已经 OCR 检查（{n} 个文件）</translation>
    </message>
    <message>
        <source>Entrant</source>
        <translation>参赛人</translation>
    </message>
    <message>
        <source>Blind copy check</source>
        <translation>匿名副本检查</translation>
    </message>
    <message>
        <source>1 entry has pixels that were not checked for names: look at it before it goes to the judges.</source>
        <translation>1 件作品的画面未经姓名检查：请在交给评委前人工查看。</translation>
    </message>
    <message>
        <source>{n} entries have pixels that were not checked for names: look at them before they go to the judges.</source>
        <translation>{n} 件作品的画面未经姓名检查：请在交给评委前人工查看。</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>评委</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>已评</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>回避</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Raw mean</source>
        <translation>原始均分</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Show the ranking first.</source>
        <translation>请先查看排名</translation>
    </message>
    <message>
        <source>Awards published; 1 award certificate issued.</source>
        <translation>已公布奖项，发放获奖证书 1 份</translation>
    </message>
    <message>
        <source>Awards published; {n} award certificates issued.</source>
        <translation>已公布奖项，发放获奖证书 {n} 份</translation>
    </message>
    <message>
        <source>Folder of a rendered course package (with manifest.json)</source>
        <translation>已渲染的课程包文件夹（含 manifest.json）</translation>
    </message>
    <message>
        <source>Rendered package folder</source>
        <translation>已渲染的课程包文件夹</translation>
    </message>
    <message>
        <source>Entry title</source>
        <translation>作品名称</translation>
    </message>
    <message>
        <source>Course package</source>
        <translation>作品包</translation>
    </message>
    <message>
        <source>Submit entry (until the deadline; the latest version counts)</source>
        <translation>提交作品（截止前可重复提交，以最新版本为准）</translation>
    </message>
    <message>
        <source>Team name (in a team contest the captain creates the team and submits)</source>
        <translation>团队名称（团队赛由队长创建并提交）</translation>
    </message>
    <message>
        <source>Team name</source>
        <translation>团队名称</translation>
    </message>
    <message>
        <source>Create team</source>
        <translation>创建团队</translation>
    </message>
    <message>
        <source>Team member to invite</source>
        <translation>要邀请的团队成员</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Number of the team that invited you</source>
        <translation>邀请您的团队编号</translation>
    </message>
    <message>
        <source>Accept invitation</source>
        <translation>接受邀请</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>谢绝</translation>
    </message>
    <message>
        <source>My contest entries</source>
        <translation>我的参赛作品</translation>
    </message>
    <message>
        <source>Choose a contest first.</source>
        <translation>请选择大赛</translation>
    </message>
    <message>
        <source>Team “{name}” created (number {id}).</source>
        <translation>已创建团队「{name}」（编号 {id}）</translation>
    </message>
    <message>
        <source>Search for the member and choose them in the list.</source>
        <translation>请搜索成员并在列表中选择。</translation>
    </message>
    <message>
        <source>Create the team first.</source>
        <translation>请先创建团队</translation>
    </message>
    <message>
        <source>Team members: {list}</source>
        <translation>团队成员：{list}</translation>
    </message>
    <message>
        <source>{name} (accepted)</source>
        <translation>{name}（已接受）</translation>
    </message>
    <message>
        <source>{name} (invited)</source>
        <translation>{name}（待接受）</translation>
    </message>
    <message>
        <source>Enter the team number.</source>
        <translation>请输入团队编号</translation>
    </message>
    <message>
        <source>Joined team “{name}”.</source>
        <translation>已加入团队「{name}」</translation>
    </message>
    <message>
        <source>Declined team “{name}”.</source>
        <translation>已谢绝团队「{name}」</translation>
    </message>
    <message>
        <source>No name found</source>
        <translation>未发现姓名</translation>
    </message>
    <message>
        <source>Submitted: version {n}.</source>
        <translation>已提交：第 {n} 版</translation>
    </message>
    <message>
        <source>Choose a contest and a course package.</source>
        <translation>请选择大赛和作品包</translation>
    </message>
    <message>
        <source>Load my judging queue</source>
        <translation>载入评审任务</translation>
    </message>
    <message>
        <source>Entries to judge</source>
        <translation>待评作品</translation>
    </message>
    <message>
        <source>Comment (kept with the first criterion)</source>
        <translation>评语（写在第一个评分项上）</translation>
    </message>
    <message>
        <source>Judge&apos;s comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>Save scores</source>
        <translation>保存评分</translation>
    </message>
    <message>
        <source>Download the blind copy</source>
        <translation>下载匿名评审副本</translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation>请先选择作品</translation>
    </message>
    <message>
        <source>Blind copy saved: {path}</source>
        <translation>匿名副本已保存：{path}</translation>
    </message>
    <message>
        <source>{name} ({weight}%)</source>
        <translation>{name}（{weight}%）</translation>
    </message>
    <message>
        <source>Entry code</source>
        <translation>作品编号</translation>
    </message>
    <message>
        <source>Entry {code}</source>
        <translation>作品 {code}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Scores saved.</source>
        <translation>评分已保存</translation>
    </message>
    <message>
        <source>Whole screen: {n} ({w}×{h})</source>
        <translation>整个屏幕：{n}（{w}×{h}）</translation>
    </message>
    <message>
        <source>Window: {t}</source>
        <translation>窗口：{t}</translation>
    </message>
    <message>
        <source>Drag to choose the part of the screen to record; Esc cancels</source>
        <translation>拖动选择要录制的屏幕区域；按 Esc 取消</translation>
    </message>
    <message>
        <source>■ Stop recording (F10)</source>
        <translation>■ 停止录屏（F10）</translation>
    </message>
    <message>
        <source>Stop the screen recording</source>
        <translation>停止录屏</translation>
    </message>
    <message>
        <source>Timeline of the screen recording; drag the handles to set the in and out points</source>
        <translation>录屏时间线；拖动把手设置入点和出点</translation>
    </message>
    <message>
        <source>The recording could not be read: {e}</source>
        <translation>无法读取录屏：{e}</translation>
    </message>
    <message>
        <source>Trim screen recording</source>
        <translation>剪辑录屏入点/出点</translation>
    </message>
    <message>
        <source>Keep {a} – {b} ({n})</source>
        <translation>保留 {a} – {b}（共 {n}）</translation>
    </message>
    <message>
        <source>Keep the whole recording</source>
        <translation>保留整段录屏</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>reproduced</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>approximated</source>
        <translation>近似</translation>
    </message>
    <message>
        <source>end state only</source>
        <translation>仅终态</translation>
    </message>
    <message>
        <source>click</source>
        <translation>单击</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>tap a shape</source>
        <translation>点形状</translation>
    </message>
    <message>
        <source>On click</source>
        <translation>单击时</translation>
    </message>
    <message>
        <source>With previous</source>
        <translation>与上一动画同时</translation>
    </message>
    <message>
        <source>After previous</source>
        <translation>上一动画之后</translation>
    </message>
    <message>
        <source>Animation: {clicks}, {effects}: {r} reproduced, {a} approximated, {e} end state only</source>
        <translation>动画 {clicks}、{effects}：还原 {r}，近似 {a}，仅终态 {e}</translation>
    </message>
    <message>
        <source>1 click</source>
        <translation>1 次单击</translation>
    </message>
    <message>
        <source>{n} clicks</source>
        <translation>{n} 次单击</translation>
    </message>
    <message>
        <source>1 effect</source>
        <translation>1 个效果</translation>
    </message>
    <message>
        <source>{n} effects</source>
        <translation>{n} 个效果</translation>
    </message>
    <message>
        <source>Transition: {kind} (reproduced)</source>
        <translation>切换：{kind}（还原）</translation>
    </message>
    <message>
        <source>Transition: {kind} (approximated as {how})</source>
        <translation>切换：{kind}（近似为 {how}）</translation>
    </message>
    <message>
        <source>Animation summary</source>
        <translation>动画报告摘要</translation>
    </message>
    <message>
        <source>Animation report</source>
        <translation>动画报告</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>效果</translation>
    </message>
    <message>
        <source>Step narration</source>
        <translation>本步旁白</translation>
    </message>
    <message>
        <source>Select a step to edit its narration</source>
        <translation>选中一个步骤，编辑它的旁白</translation>
    </message>
    <message>
        <source>Save step narration</source>
        <translation>保存本步旁白</translation>
    </message>
    <message>
        <source>Split from the notes</source>
        <translation>按备注自动分配</translation>
    </message>
    <message>
        <source>Edit step narration</source>
        <translation>编辑本步旁白</translation>
    </message>
    <message>
        <source>No animation or transition on this page.</source>
        <translation>本页没有动画或切换效果。</translation>
    </message>
    <message>
        <source> ({shape})</source>
        <translation>（{shape}）</translation>
    </message>
    <message>
        <source>Narration: {text}</source>
        <translation>本步旁白：{text}</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>{kind} {s}s</source>
        <translation>{kind} {s} 秒</translation>
    </message>
</context>
</TS>
