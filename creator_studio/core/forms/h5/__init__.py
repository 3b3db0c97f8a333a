"""H5互动课程: an offline HTML5 course (folder + SCORM 1.2 and cmi5 zips).

Public API for other forms (the skit form builds its branching scenario with it):

- `build_package(out_dir, course_data, *, title, kind, pass_mark, media, lrs_origins)`
- `scenario_course_data(script, ...)` / `lesson_course_data(lesson, ...)`
"""

from creator_studio.core.forms.h5.course_data import (  # noqa: F401
    best_path_score,
    lesson_course_data,
    safe_link,
    scenario_course_data,
)
from creator_studio.core.forms.h5.format import H5Format, artifact_files  # noqa: F401
from creator_studio.core.forms.h5.package import (  # noqa: F401
    CMI5_ZIP,
    SCORM_ZIP,
    PackageResult,
    build_package,
    json_for_script,
)
