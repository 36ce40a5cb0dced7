"""Where the source documents are: `../shared/seeds/` beside the clone (as CI lays them out),
or one folder further up for a git worktree kept in a subfolder beside the main clone."""

from pathlib import Path

from django.conf import settings


def seed_path(name: str) -> Path:
    base = Path(settings.BASE_DIR).resolve()
    candidates = [
        folder / "shared" / "seeds" / name for folder in (base.parent, base.parent.parent)
    ]
    return next((path for path in candidates if path.exists()), candidates[0])
