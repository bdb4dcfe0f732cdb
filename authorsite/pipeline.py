"""The build, stage by stage: site.yaml and content/ → dumps → catalog → files."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from .cache import ParseCache, read_manifest, write_manifest
from .catalog import build_catalog
from .config import BASE_URL_EXPECTED, ProfileSettings, SiteConfig, UserError, is_base_url, load_config
from .content import Markdown, apply_overrides, load_markdown
from .dumps import parse_bytes
from .export import export_files
from .model import Catalog, Diagnostic, Dump, SourcePos, warning
from .output import DuplicatePath, WriteReport, write_files
from .pages import build_pages
from .render import make_env, render_pages, site_view, static_files

PROFILES_DIR = "content/profiles"


@dataclass(frozen=True)
class Loaded:
    root: Path
    config: SiteConfig
    dumps: tuple[Dump, ...]
    catalog: Catalog
    markdown: Markdown
    diagnostics: tuple[Diagnostic, ...]  # site.yaml's, the catalog's and the Markdown's


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
        if not is_base_url(base_url):
            raise UserError("--base-url: " + BASE_URL_EXPECTED.format(base_url))
        config = dataclasses.replace(config, base_url=base_url)
    files = discover(root)
    names = {p.relative_to(root / PROFILES_DIR).as_posix(): p.relative_to(root).as_posix() for p in files}
    settings: dict[str, ProfileSettings] = {}
    for name, given in config.profiles.items():
        if name in names:
            settings[names[name]] = given
        else:
            diagnostics.append(warning(SourcePos("site.yaml", given.line), f"profiles: no file {PROFILES_DIR}/{name}; its settings are unused"))
    cache = ParseCache(root)
    dumps = []
    for path in files:
        data, label = path.read_bytes(), path.relative_to(root).as_posix()
        dumps.append(cache.parse(data, label, config.titles, lambda: parse_bytes(data, label, config.titles)))
    cache.prune()
    markdown = load_markdown(root, config.base_path)
    catalog = apply_overrides(build_catalog(dumps, config, settings), markdown)
    return Loaded(root, config, tuple(dumps), catalog, markdown, tuple(diagnostics) + catalog.diagnostics + markdown.diagnostics)


def site_files(loaded: Loaded, fingerprint: bool = True) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, as (output path, bytes); CSS/JS names hashed if `fingerprint`."""
    root, config, catalog = loaded.root, loaded.config, loaded.catalog
    assets, static = static_files(root / "static", fingerprint)
    site = site_view(config, catalog, assets, loaded.markdown)
    env = make_env(root / "templates", site)
    pages = list(build_pages(catalog, loaded.markdown, config))
    yield from render_pages(env, pages)
    yield "sitemap.xml", env.get_template("sitemap.xml").render(pages=pages).encode()
    yield "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {site.absolute('/sitemap.xml')}\n".encode()
    yield ".nojekyll", b""
    if config.cname:
        yield "CNAME", config.cname.encode() + b"\n"
    yield from static
    yield from export_files(catalog)


def build(loaded: Loaded, out_dir: Path, fingerprint: bool = True) -> WriteReport:
    """Write the site into out_dir, touching only files whose bytes changed."""
    try:
        report = write_files(out_dir, site_files(loaded, fingerprint), read_manifest(loaded.root, out_dir))
    except DuplicatePath as e:
        raise UserError(f"error: two pages would be written to {e}") from None
    except TemplateSyntaxError as e:
        raise UserError(f"templates/{e.name}:{e.lineno}: error: {e.message}") from None
    except TemplateError as e:
        raise UserError(f"templates: error: {e}") from None
    write_manifest(loaded.root, out_dir, report.paths)
    return report
