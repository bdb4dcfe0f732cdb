"""site.yaml → SiteConfig. Every value keeps its line, so each problem names site.yaml:LINE."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .model import Diagnostic, SourcePos, error, warning


class UserError(Exception):
    """A problem the user must fix before anything can be built; shown without a traceback."""


@dataclass(frozen=True, slots=True)
class ProfileSettings:
    """What site.yaml adds to one dump: what its text lacks."""

    owner: str | None = None  # the profile owner of a header-less dump
    captured: dt.date | None = None  # the day the dump was copied: gives year-less dates a year
    title: str | None = None  # the title of an owner-less collection
    line: int = field(default=1, compare=False)  # where site.yaml names the dump


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Research profiles"
    """The site's name, in every page title and the feeds."""
    description: str = "Researchers' profiles, papers and metrics."
    """One sentence for the home page and search engines."""
    base_url: str = "https://example.org/"
    """Where the site is deployed; its path is the prefix of every internal link."""
    cname: str | None = None
    """A custom domain for GitHub Pages, written to CNAME (e.g. www.example.org)."""
    profiles: dict[str, ProfileSettings] = field(default_factory=dict)
    """Per dump file name (relative to content/profiles/): owner, captured, title."""
    titles: tuple[str, ...] = ()
    """Exact titles, to split a compact entry's title from its authors where the rule fails."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Name as written → canonical name, when one person is written two ways."""
    affiliations: dict[str, str] = field(default_factory=dict)
    """Affiliation slug → display name (added to the defaults)."""
    categories: dict[str, str] = field(default_factory=dict)
    """Category code → name, for codes the built-in list lacks."""
    search: str = "full"
    """What /search/ finds: "full" (abstracts too), "titles" (titles, names, categories,
    years: a smaller index, quicker to make), or "off" (no search page)."""

    @property
    def searched(self) -> bool:
        """Whether the site has a search page and index."""
        return self.search != "off"

    @property
    def base_path(self) -> str:
        """The URL path every internal link starts with: "/" or "/repo/"."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


SEARCH_MODES = ("full", "titles", "off")
BASE_URL_EXPECTED = "expected an http(s) URL such as https://user.github.io/repo/, got {!r}"


def is_base_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class _Reader:
    """Turns YAML nodes into checked values, collecting diagnostics with lines."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.diagnostics: list[Diagnostic] = []
        self._loader = yaml.SafeLoader("")

    def pos(self, node: yaml.Node) -> SourcePos:
        return SourcePos(self.label, node.start_mark.line + 1)

    def fail(self, node: yaml.Node, key: str, message: str) -> None:
        self.diagnostics.append(error(self.pos(node), f"{key}: {message}"))

    def value(self, node: yaml.Node) -> object:
        return self._loader.construct_object(node, deep=True)

    def string(self, node: yaml.Node, key: str) -> str | None:
        value = self.value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail(node, key, "expected a non-empty text")
        return None

    def pairs(self, node: yaml.Node, key: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        if isinstance(node, yaml.ScalarNode) and self.value(node) is None:
            return []
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, key, "expected a mapping of names to values")
            return []
        result, seen = [], set()
        for k, v in node.value:
            name = self.string(k, key)
            if name in seen:
                self.diagnostics.append(warning(self.pos(k), f"{key}: {name!r} is given twice; this one wins"))
            if name is not None:
                seen.add(name)
                result.append((name, k, v))
        return result

    def strings(self, node: yaml.Node, key: str) -> dict[str, str]:
        result = {}
        for name, _, v in self.pairs(node, key):
            text = self.string(v, f"{key}.{name}")
            if text is not None:
                result[name] = text
        return result

    def string_list(self, node: yaml.Node, key: str) -> tuple[str, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, key, "expected a list of texts")
            return ()
        return tuple(s for i, item in enumerate(node.value) if (s := self.string(item, f"{key}[{i}]")))

    def profile(self, node: yaml.Node, key: str, line: int) -> ProfileSettings:
        fields: dict[str, object] = {"line": line}
        for name, k, v in self.pairs(node, key):
            if name in ("owner", "title"):
                fields[name] = self.string(v, f"{key}.{name}")
            elif name == "captured":
                day = self.value(v)
                if isinstance(day, dt.date) and not isinstance(day, dt.datetime):
                    fields[name] = day
                else:
                    self.fail(v, f"{key}.captured", "expected a date as YYYY-MM-DD")
            else:
                self.diagnostics.append(warning(self.pos(k), f"{key}: unknown setting {name!r} ignored (known: owner, captured, title)"))
        return ProfileSettings(**fields)  # type: ignore[arg-type]


def _compose(text: str) -> yaml.Node | None:
    """The YAML's nodes, by libyaml where PyYAML has it (its wheels do: several times
    quicker on a long site.yaml); a file it refuses is read again by PyYAML's own parser,
    whose messages say more (the character that cannot start a token)."""
    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def load_config(path: Path, label: str = "site.yaml") -> tuple[SiteConfig, list[Diagnostic]]:
    """Read site.yaml; raise UserError for what makes a build impossible."""
    if not path.exists():
        return SiteConfig(), []
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = _compose(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark and mark and not text[mark.index :].strip():
            mark = e.context_mark  # found at the end of the file: name where the unclosed thing starts
        line = mark.line + 1 if mark else 1
        context = f" ({e.context})" if e.context and e.problem else ""
        raise UserError(f"{label}:{line}: error: {e.problem or e.context}{context}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise UserError(f"{label}:1: error: cannot read: {e}") from None
    reader = _Reader(label)
    values: dict[str, object] = {}
    for key, k, v in reader.pairs(root, "site.yaml") if root is not None else ():
        if key in ("title", "description", "cname"):
            values[key] = reader.string(v, key)
        elif key == "base_url":
            url = reader.string(v, key)
            if url and is_base_url(url):
                values[key] = url
            elif url:
                reader.fail(v, key, BASE_URL_EXPECTED.format(url))
        elif key == "profiles":
            values[key] = {name: reader.profile(pv, f"profiles.{name}", reader.pos(pk).line) for name, pk, pv in reader.pairs(v, key)}
        elif key == "titles":
            values[key] = reader.string_list(v, key)
        elif key in ("aliases", "affiliations", "categories"):
            values[key] = reader.strings(v, key)
        elif key == "search":
            mode = reader.value(v) if isinstance(v, yaml.ScalarNode) else None
            mode = "off" if mode is False else mode  # YAML reads a bare off as false
            if mode in SEARCH_MODES:
                values[key] = mode
            else:
                reader.fail(v, key, f"expected one of {', '.join(SEARCH_MODES)}")
        else:
            reader.diagnostics.append(warning(reader.pos(k), f"unknown setting {key!r} ignored"))
    problems = [d for d in reader.diagnostics if d.severity.value == "error"]
    if problems:
        raise UserError("\n".join(str(d) for d in problems))
    return SiteConfig(**{k: v for k, v in values.items() if v is not None}), reader.diagnostics  # type: ignore[arg-type]
