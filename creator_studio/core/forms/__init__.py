"""Course forms as plugins.

Every form — the four built-ins included — is a `Format` registered under the entry-point group
``creator_studio.formats``; a third-party plugin is a peer, not a special case. A format renders a
`Lesson` into a folder and returns an `Artifact` whose manifest the norms check reads.
"""

from __future__ import annotations

from creator_studio.core.forms.base import (  # noqa: F401
    Artifact,
    ArtifactFile,
    Format,
    OptionSpec,
    available_formats,
    get_format,
    render_forms,
    update_manifest,
)
