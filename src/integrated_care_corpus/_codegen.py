"""The generator of the fast structuring path: builders that accept only valid records.

For each record class, :func:`generate_module` writes a builder from its
attrs fields and resolved types: straight-line code with exact type tests
(``type(v) is str``, so no coercion), enum lookups, key counting (unknown
keys are rejected), nested builders for nested records, and the record
built as its attrs ``__init__`` builds it (every field set, then its
validators and ``__attrs_post_init__``; :class:`Span`, the most numerous
record, has its checks inlined). The builders are generated source,
committed as ``_builders.py``; a test checks that it matches the record
classes, and ``python -m integrated_care_corpus._codegen`` rewrites it (``--structs``
for ``_structs.py``, the msgspec path's Structs and builders).

A builder does not say *what* is wrong: on any bad input it raises, and the
loader re-runs the strict converter on that resource, which words the
precise error. So a resource that the builders accept gives the same records
as the strict path, and one they reject gives the same error.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from typing import Any

import attrs

from . import _records
from ._records import Span

__all__ = ["generate_module", "generate_struct_module"]


class _Module:
    """Collects the builder functions and the module-level names they use."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # source expression -> name
        self.functions: dict[type[Any], list[str]] = {}

    def name(self, expression: str, hint: str) -> str:
        if expression not in self.names:
            self.names[expression] = f"_{hint}{len(self.names)}"
        return self.names[expression]

    def cls(self, cls: type[Any]) -> str:
        if getattr(_records, cls.__name__, None) is not cls:
            raise NotImplementedError(cls)
        return f"_records.{cls.__name__}"

    def builder(self, cls: type[Any]) -> str:
        if cls not in self.functions:
            self.functions[cls] = []  # placeholder: a class may nest itself
            self.functions[cls] = self._function(cls)
        return f"build_{cls.__name__}"

    def check(self, lines: list[str], var: str, type_: object, indent: str) -> None:
        """Append lines that validate ``var`` as ``type_`` and rebind it to the value."""
        add = lines.append
        args = typing.get_args(type_)
        origin = typing.get_origin(type_)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in args if a is not type(None)]
            if len(inner) != 1 or len(args) != 2:  # noqa: PLR2004 - X | None only
                raise NotImplementedError(type_)
            add(f"{indent}if {var} is not None:")
            self.check(lines, var, inner[0], indent + "    ")
        elif origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
            add(f"{indent}if type({var}) is not list:")
            add(f"{indent}    raise Reject")
            if args[0] is str:
                add(f"{indent}for _x in {var}:")
                add(f"{indent}    if type(_x) is not str:")
                add(f"{indent}        raise Reject")
                add(f"{indent}{var} = tuple({var})")
            else:
                add(f"{indent}{var} = tuple([{self.converter(args[0])}(_x) for _x in {var}])")
        elif type_ is str or type_ is int or type_ is bool:
            add(f"{indent}if type({var}) is not {type_.__name__}:")
            add(f"{indent}    raise Reject")
        elif type_ is Span:
            # Inlined Span(start, end): the checks of its validators and post-init.
            span = self.cls(Span)
            set_start = self.name(f'setter({span}, "start")', "set")
            set_end = self.name(f'setter({span}, "end")', "set")
            add(f"{indent}if type({var}) is not dict or len({var}) != 2:")
            add(f"{indent}    raise Reject")
            add(f'{indent}_s = {var}["start"]')
            add(f'{indent}_e = {var}["end"]')
            add(f"{indent}if type(_s) is not int or type(_e) is not int or not 0 <= _s <= _e:")
            add(f"{indent}    raise Reject")
            add(f"{indent}{var} = _new({span})")
            add(f"{indent}{set_start}({var}, _s)")
            add(f"{indent}{set_end}({var}, _e)")
        else:
            add(f"{indent}{var} = {self.converter(type_)}({var})")

    def converter(self, type_: object) -> str:
        """Return the name of a one-argument function that checks and converts."""
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            if not all(type(member.value) is str for member in type_):
                raise NotImplementedError(type_)
            # A missing or unhashable value raises KeyError or TypeError: rejected.
            return self.name(f"{{m.value: m for m in {self.cls(type_)}}}.__getitem__", "enum")
        if type_ is _dt.date:
            return "parse_date"
        if isinstance(type_, type) and attrs.has(type_):
            return self.builder(type_)
        raise NotImplementedError(type_)

    def _function(self, cls: type[Any]) -> list[str]:
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        if hasattr(cls, "__attrs_pre_init__"):
            raise NotImplementedError(cls)
        name = self.cls(cls)
        lines = [
            f"def build_{cls.__name__}(d):",
            "    if type(d) is not dict:",
            "        raise Reject",
        ]
        add = lines.append
        required = 0
        optional = False
        for field in fields:
            if not field.init or field.alias != field.name or field.converter is not None:
                raise NotImplementedError(field.name)
            var = f"v_{field.name}"
            if field.default is attrs.NOTHING:
                required += 1
                add(f'    {var} = d["{field.name}"]')
                self.check(lines, var, hints[field.name], "    ")
            else:
                if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                    raise NotImplementedError(field.name)
                if not optional:
                    add("    n = 0")
                    optional = True
                default = self.name(f"_attrs.fields({name}).{field.name}.default", "default")
                add(f'    {var} = d.get("{field.name}", MISSING)')
                add(f"    if {var} is MISSING:")
                add(f"        {var} = {default}")
                add("    else:")
                add("        n += 1")
                self.check(lines, var, hints[field.name], "        ")
        add(f"    if len(d) != {required} + n:" if optional else f"    if len(d) != {required}:")
        add("        raise Reject")
        self.construct(lines, cls)
        return lines

    def construct(self, lines: list[str], cls: type[Any], *, checks: bool = True) -> None:
        """Append the lines that make ``o`` from the ``v_<field>`` values and return it.

        Built as the attrs ``__init__`` builds it: every field set, then the
        validators, then ``__attrs_post_init__`` (unless ``checks`` is false,
        when the caller has made those checks already).
        """
        name = self.cls(cls)
        fields = attrs.fields(cls)
        lines.append(f"    o = _new({name})")
        for field in fields:
            set_field = self.name(f'setter({name}, "{field.name}")', "set")
            lines.append(f"    {set_field}(o, v_{field.name})")
        if checks:
            for field in fields:
                if field.validator is not None:
                    check = self.name(f"_attrs.fields({name}).{field.name}.validator", "validator")
                    attribute = self.name(f"_attrs.fields({name}).{field.name}", "field")
                    lines.append(f"    {check}(o, {attribute}, v_{field.name})")
            if hasattr(cls, "__attrs_post_init__"):
                lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")


def generate_module() -> str:
    """Return the source of ``_builders.py``: a builder for every resource's record class."""
    from ._resources import OPTIONAL_RESOURCE_TYPES, RESOURCE_TYPES  # noqa: PLC0415

    module = _Module()
    top = [
        module.builder(cls) for cls in (*RESOURCE_TYPES.values(), *OPTIONAL_RESOURCE_TYPES.values())
    ]
    classes = [*RESOURCE_TYPES.values(), *OPTIONAL_RESOURCE_TYPES.values()]
    out = [
        '"""Generated by ``python -m integrated_care_corpus._codegen``; do not edit.',
        "",
        "The fast record builders (see ``_codegen.py``); a test checks that this file",
        "matches the record classes.",
        '"""',
        "",
        "# ruff: noqa: ANN001, ANN202, N802, PLR2004, SIM102",
        "# mypy: ignore-errors",
        "",
        "import attrs as _attrs",
        "",
        "from . import _records",
        "from ._construct import MISSING, Reject, parse_date, setter",
        "",
        "_new = object.__new__",
    ]
    out += [f"{name} = {expression}" for expression, name in module.names.items()]
    for lines in module.functions.values():
        out += ["", "", *lines]
    out += ["", "", "BUILDERS = {"]
    out += [f"    {module.cls(cls)}: {name}," for cls, name in zip(classes, top, strict=True)]
    out += ["}", ""]
    return "\n".join(out)


# --- the msgspec path's generator ------------------------------------------------


class _StructModule(_Module):
    """Collects, for each record class, a msgspec Struct of its fields and a builder.

    The Struct has the record's field names and types; a field with a default
    is ``UNSET`` when the JSON leaves it out, so the Struct written back holds
    exactly the keys that were read (which is how ``_decode.py`` proves that no
    key was repeated). It forbids unknown fields and is not tracked by the
    cyclic collector. msgspec decodes JSON into it, checking every type; the
    builder then makes the record from it as the attrs ``__init__`` would
    (every field set, an absent one to its default, then the validators and
    ``__attrs_post_init__``; Span's checks inlined).
    """

    def __init__(self) -> None:
        super().__init__()
        self.structs: dict[type[Any], list[str]] = {}

    def struct(self, cls: type[Any]) -> str:
        """Return the Struct's name, defining it (after its nested ones) if new."""
        if cls not in self.structs:
            self.structs[cls] = []  # placeholder: a class may nest itself
            hints = typing.get_type_hints(cls)
            lines = [
                f"class {cls.__name__}Fields(msgspec.Struct, forbid_unknown_fields=True, gc=False):"
            ]
            for field in attrs.fields(cls):
                annotation = self.annotation(hints[field.name])
                if field.default is attrs.NOTHING:
                    lines.append(f"    {field.name}: {annotation}")
                else:  # UNSET when absent, so the Struct written back holds the keys read
                    head, optional, _ = annotation.rpartition(" | None")
                    annotation = f"{head} | _Unset | None" if optional else f"{annotation} | _Unset"
                    lines.append(f"    {field.name}: {annotation} = _UNSET")
            del self.structs[cls]  # defined after the Structs it refers to
            self.structs[cls] = lines
        return f"{cls.__name__}Fields"

    def annotation(self, type_: object) -> str:
        """Return the Struct annotation for a record field of ``type_``."""
        args = typing.get_args(type_)
        origin = typing.get_origin(type_)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in args if a is not type(None)]
            if len(inner) != 1 or len(args) != 2:  # noqa: PLR2004 - X | None only
                raise NotImplementedError(type_)
            return f"{self.annotation(inner[0])} | None"
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
            return f"tuple[{self.annotation(args[0])}, ...]"
        if type_ is str or type_ is int or type_ is bool:
            return type_.__name__
        if type_ is _dt.date:
            return "_dt.date"
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return self.cls(type_)
        if isinstance(type_, type) and attrs.has(type_):
            return self.struct(type_)
        raise NotImplementedError(type_)

    def value(self, expression: str, type_: object) -> str:
        """Return the expression that turns a Struct field's value into the record's."""
        args = typing.get_args(type_)
        origin = typing.get_origin(type_)
        if origin in (typing.Union, types.UnionType):
            (inner,) = [a for a in args if a is not type(None)]
            built = self.value(expression, inner)
            return built if built == expression else f"None if {expression} is None else {built}"
        if origin is tuple:  # msgspec has made the tuple; records inside need building
            if isinstance(args[0], type) and attrs.has(args[0]):
                return f"tuple(map({self.builder(args[0])}, {expression}))"
            return expression
        if isinstance(type_, type) and attrs.has(type_):
            return f"{self.builder(type_)}({expression})"
        return expression  # msgspec has made it already: str, int, enum member, date

    def _function(self, cls: type[Any]) -> list[str]:
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        if hasattr(cls, "__attrs_pre_init__"):
            raise NotImplementedError(cls)
        self.struct(cls)
        lines = [f"def build_{cls.__name__}(s):"]
        add = lines.append
        if cls is Span:
            add("    v_start = s.start")
            add("    v_end = s.end")
            add("    if not 0 <= v_start <= v_end:")
            add("        raise Reject")
        else:
            for field in fields:
                if not field.init or field.alias != field.name or field.converter is not None:
                    raise NotImplementedError(field.name)
                if hints[field.name] is Span:  # the most numerous record: built inline
                    span = self.cls(Span)
                    add(f"    _s = s.{field.name}")
                    add("    _a = _s.start")
                    add("    _b = _s.end")
                    add("    if not 0 <= _a <= _b:")
                    add("        raise Reject")
                    add(f"    v_{field.name} = _new({span})")
                    set_start = self.name(f'setter({span}, "start")', "set")
                    set_end = self.name(f'setter({span}, "end")', "set")
                    add(f"    {set_start}(v_{field.name}, _a)")
                    add(f"    {set_end}(v_{field.name}, _b)")
                    continue
                var = f"v_{field.name}"
                if field.default is attrs.NOTHING:
                    add(f"    {var} = {self.value(f's.{field.name}', hints[field.name])}")
                    continue
                if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                    raise NotImplementedError(field.name)
                default = self.name(
                    f"_attrs.fields({self.cls(cls)}).{field.name}.default", "default"
                )
                add(f"    {var} = s.{field.name}")
                built = self.value(var, hints[field.name])
                if built == var:
                    add(f"    if {var} is _UNSET:")
                    add(f"        {var} = {default}")
                else:
                    add(f"    if {var} is _UNSET:")
                    add(f"        {var} = {default}")
                    optional = built.removeprefix(f"None if {var} is None else ")
                    if optional != built:
                        add(f"    elif {var} is not None:")
                        add(f"        {var} = {optional}")
                    else:
                        add("    else:")
                        add(f"        {var} = {built}")
        self.construct(lines, cls, checks=cls is not Span)  # Span's checks are inlined above
        return lines


def generate_struct_module() -> str:
    """Return the source of ``_structs.py``: a Struct and a builder for every record class."""
    from ._resources import RESOURCE_TYPES  # noqa: PLC0415 - only when generating

    module = _StructModule()
    top = [(module.struct(cls), module.builder(cls)) for cls in RESOURCE_TYPES.values()]
    out = [
        '"""Generated by ``python -m integrated_care_corpus._codegen --structs``; do not edit.',
        "",
        "The msgspec Structs and record builders of the ``[fast]`` path (see",
        "``_decode.py``); a test checks that this file matches the record classes.",
        '"""',
        "",
        "# ruff: noqa: ANN001, ANN202, N802",
        "# mypy: ignore-errors",
        "",
        "import datetime as _dt",
        "",
        "import attrs as _attrs",
        "import msgspec",
        "",
        "from . import _records",
        "from ._construct import Reject, setter",
        "",
        "_new = object.__new__",
        "_UNSET = msgspec.UNSET",
        "_Unset = msgspec.UnsetType",
    ]
    out += [f"{name} = {expression}" for expression, name in module.names.items()]
    for lines in (*module.structs.values(), *module.functions.values()):
        out += ["", "", *lines]
    out += [
        "",
        "",
        "#: Record class -> (the Struct msgspec decodes, the builder of records from it).",
        "STRUCTS = {",
    ]
    out += [
        f"    {module.cls(cls)}: ({struct}, {builder}),"
        for cls, (struct, builder) in zip(RESOURCE_TYPES.values(), top, strict=True)
    ]
    out += ["}", ""]
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    structs = "--structs" in sys.argv[1:]
    # Writes a generated module: python -m integrated_care_corpus._codegen [--structs] > FILE
    print(generate_struct_module() if structs else generate_module(), end="")  # noqa: T201
