"""The reviewer web app (`shuzhi serve`): a Django project inside the package, installed with the `web` extra."""

from __future__ import annotations

import os
from pathlib import Path

MISSING_EXTRA = "网页审核功能需要安装 web 扩展：pip install 'shuzhi[web]'（缺少 {name}）。"


def configure(data_dir: str | Path | None = None) -> None:
    """Point Django at shuzhi's settings (data folder from the argument or SHUZHI_DATA_DIR) and set it up."""
    if data_dir is not None:
        os.environ["SHUZHI_DATA_DIR"] = str(Path(data_dir).expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuzhi.web.settings")
    import django

    django.setup()
