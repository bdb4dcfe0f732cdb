"""Jinja2 set up for a build's many small renders: the same templates and escaping, with
less of Jinja's per-render and per-call overhead (measured to be most of a small fragment's
cost). Nothing here changes what a template outputs."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from types import CodeType, FunctionType, MethodType
from typing import Any

from jinja2 import Environment, Template
from jinja2.runtime import Context
from markupsafe import Markup, _escape_inner, escape


class SiteContext(Context):
    """Jinja's context, calling plain functions and methods ({{ url(paper_url(p.id)) }})
    directly: Jinja's own `call` first looks for its pass_context marks through failed
    attribute lookups, which cost more than most of these calls themselves."""

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        function = __obj.__func__ if type(__obj) is MethodType else __obj
        if type(function) is not FunctionType or "jinja_pass_arg" in function.__dict__:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_loop_vars", None)
        kwargs.pop("_block_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


def _escape(value: object) -> str:
    """markupsafe's escape for what a template outputs, without wrapping the result in a new
    Markup (for a fragment, a copy): the generated code only joins what it outputs."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value  # type: ignore[return-value]
    if kind is int:  # a year or a count: digits need no escaping
        return str(value)
    return escape(value)


class SiteTemplate(Template):
    """A template whose `{{ … }}` outputs go through `_escape`."""

    @classmethod
    def from_code(cls, environment: Environment, code: CodeType, globals: MutableMapping[str, Any],
                  uptodate: Callable[[], bool] | None = None) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = _escape  # the compiled module's namespace
        return template


class SiteEnvironment(Environment):
    """Jinja's environment, with each template's globals a plain dict: Jinja's own ChainMap
    is copied key by key, in Python, into every render's context, which cost a page more
    than the rest of a small template. The globals are set before any template loads."""

    context_class = SiteContext
    template_class = SiteTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: dict[tuple[str, str | None], Template] = {}

    def get_template(self, name: str | Template, parent: str | None = None,
                     globals: MutableMapping[str, Any] | None = None) -> Template:
        """Jinja's get_template, remembered in a dict: templates are not reloaded within a
        build, and Jinja's own cache costs a small template's render again on each use."""
        if globals is not None or not isinstance(name, str):
            return super().get_template(name, parent, globals)
        key = (name, parent)
        if key not in self._loaded:
            self._loaded[key] = super().get_template(name, parent)
        return self._loaded[key]

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}
