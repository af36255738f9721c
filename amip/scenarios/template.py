"""`amip scenarios new NAME --from PARENT`: a scenario file that inherits everything and shows every
key, commented out, with what it does (texts.SCENARIO_TEMPLATE, German). Uncomment what you need; each
number wants a source."""
from __future__ import annotations

import re

from amip import texts as T
from amip.errors import InputError

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def render_template(name: str, parent: str, path: str, description: str = "") -> str:
    if not NAME_RE.match(name):
        raise InputError(T.SC_TEMPLATE_NAME.format(name=name))
    desc = (description or T.SCENARIO_VARIANT.format(parent=parent)).replace("\\", "\\\\").replace('"', '\\"')
    import json

    parent_yaml = parent if NAME_RE.match(parent) else json.dumps(parent)   # a path is quoted
    return T.SCENARIO_TEMPLATE.format(name=name, parent=parent_yaml, path=path, description=desc)
