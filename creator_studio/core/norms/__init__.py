"""Upload norms (上传规范): versioned rule sets written by staff as data, and the preflight check.

A rendered package (an output folder with `manifest.json` and the `course.json` snapshot that
`render_forms` writes) is checked against a `NormSet`; each rule yields pass / warn / fail with
the page it refers to. A failing rule of severity "fail" blocks delivery.
"""

from creator_studio.core.norms.check import Finding, NormsReport, check_package  # noqa: F401
from creator_studio.core.norms.rules import (  # noqa: F401
    RULE_KINDS,
    NormRule,
    NormSet,
    default_normset,
    load_normset,
    normset_from_dict,
)
