"""The build, stage by stage: site.yaml and content/ → dumps → catalog → files."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from .catalog import build_catalog
from .config import ProfileSettings, SiteConfig, load_config
from .dumps import parse_bytes
from .export import export_files
from .model import Catalog, Diagnostic, Dump, SourcePos, warning
from .output import WriteReport, write_files

PROFILES_DIR = "content/profiles"


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig
    dumps: tuple[Dump, ...]
    catalog: Catalog
    diagnostics: tuple[Diagnostic, ...]  # site.yaml's and the catalog's, in file order


def discover(root: Path) -> list[Path]:
    """Every visible file under content/profiles/, sorted: its format is read from its text."""
    folder = root / PROFILES_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def load(root: Path, base_url: str | None = None) -> Loaded:
    """Read site.yaml and every dump, and merge them; raises UserError only for site.yaml."""
    config, diagnostics = load_config(root / "site.yaml")
    if base_url is not None:
        config = dataclasses.replace(config, base_url=base_url)
    files = discover(root)
    names = {p.relative_to(root / PROFILES_DIR).as_posix(): p.relative_to(root).as_posix() for p in files}
    settings: dict[str, ProfileSettings] = {}
    for name, given in config.profiles.items():
        if name in names:
            settings[names[name]] = given
        else:
            diagnostics.append(warning(SourcePos("site.yaml", 1), f"profiles: no file {PROFILES_DIR}/{name}; its settings are unused"))
    dumps = tuple(parse_bytes(p.read_bytes(), p.relative_to(root).as_posix(), config.titles) for p in files)
    catalog = build_catalog(dumps, config, settings)
    return Loaded(config, dumps, catalog, tuple(diagnostics) + catalog.diagnostics)


def build(loaded: Loaded, out_dir: Path) -> WriteReport:
    return write_files(out_dir, export_files(loaded.catalog))
