"""The inputs of the intake form: widgets, message slots, region cascade, KBLI search.

:class:`IntakeFields` holds one input per :class:`~plut_nb.services.intake.IntakeForm`
field (the four region dropdowns together stand for ``village_code``) and one
message slot under each, reads everything back as the values
:func:`plut_nb.services.intake_support.check_intake` takes, shows per-field
messages and resets itself. It holds no rule: checks happen in the services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, LabelStyle, TextStyle

from plut_nb.i18n import t
from plut_nb.services.intake_support import (
    Choice,
    education_choices,
    kbli_label,
    legal_form_choices,
    online_channel_choices,
    outreach_choices,
    priority_choices,
    province_choices,
    region_choices,
    search_kbli,
)
from widgets._html import esc

__all__ = ["IntakeFields", "Looks"]

_LABEL_WIDTH = "190px"
_WIDTH = "600px"
#: Fields checked as soon as the user leaves them (besides on save).
CHECKED_ON_CHANGE = (
    "nik",
    "nib",
    "phone",
    "email",
    "capital",
    "sales",
    "employees",
    "employees_women",
    "founding_year",
)
#: Fields whose change updates the derived facts.
DERIVING = ("nik", "capital", "sales", "village_code", "kbli")
_MARKETS = ("market_local", "market_regional", "market_national", "market_export")
_DEFAULTS: dict[str, Any] = {
    "legal_form": "perorangan",
    "outreach_channel": "datang_langsung",
    "education": "",
    "service_code": "",
    "priority": "normal",
    "disability": False,
    "orang_asli_papua": False,
    "market_local": True,
    "market_regional": False,
    "market_national": False,
    "market_export": False,
}


def _label(field: str) -> str:
    key = f"field.{field}"
    text = t(key)
    return t(f"ui.intake.label.{field}") if text == key else text


class Looks:
    """Layouts and styles shared by every widget of one form.

    Each ipywidgets layout or style is a model of its own that the page must
    create; sharing one per kind instead of one per widget cuts the models of
    the form from about 275 to about 110, and the time until it is usable.
    """

    def __init__(self) -> None:
        self.wide = w.Layout(width=_WIDTH)
        self.tall = w.Layout(width=_WIDTH, height="70px")
        self.auto = w.Layout(width="auto")
        self.slot = w.Layout(margin=f"0 0 0 {_LABEL_WIDTH}")
        self.caption = w.Layout(width=_LABEL_WIDTH)
        self.plain = w.Layout()
        self.text = TextStyle(description_width=_LABEL_WIDTH)
        self.choice = DescriptionStyle(description_width=_LABEL_WIDTH)
        self.tick = CheckboxStyle()
        self.html = HTMLStyle()
        self.label = LabelStyle()
        self.button = w.ButtonStyle()

    def html_box(self, value: str = "") -> w.HTML:
        """An HTML widget with the shared layout and style."""
        return w.HTML(value, layout=self.plain, style=self.html)


class IntakeFields:
    """Inputs and message slots of the intake form.

    Args:
        services: The service catalogue as (label, code) choices.
        home_region: The actor's centre's region code; its province is listed
            first and preselected (and its regency, for a regency-level centre).
    """

    def __init__(self, services: list[Choice], home_region: str | None = None) -> None:
        self.home_region = home_region
        self.looks = Looks()
        self.inputs: dict[str, w.ValueWidget] = {}
        self.messages: dict[str, w.HTML] = {}
        self.on_change: Callable[[str], None] = lambda _field: None
        self._quiet = False  # no change callbacks while resetting
        choose = (t("ui.intake.choose"), "")
        for name in ("enterprise_name", "products", "street_address", "owner_name"):
            self._text(name)
        self._text("nib", t("ui.intake.hint.nib"))
        self._text("nik", t("ui.intake.hint.nik"))
        self._text("phone", t("ui.intake.hint.phone"))
        self._text("email", "nama@contoh.id")
        for name in ("capital", "sales"):
            self._text(name, t("ui.intake.hint.amount"))
        for name in ("employees", "employees_women"):
            self._text(name, "0")
        self._text("founding_year", t("ui.intake.hint.year"))
        self._dropdown("legal_form", legal_form_choices())
        self._dropdown("outreach_channel", outreach_choices())
        self._dropdown("education", education_choices())
        self._dropdown("service_code", [choose, *services])
        self._dropdown("priority", priority_choices())
        for name in ("disability", "orang_asli_papua", *_MARKETS):
            self._checkbox(name)
        self.description = w.Textarea(
            description=_label("description"), style=self.looks.text, layout=self.looks.tall
        )
        self._register("description", self.description)
        self.kbli = w.Combobox(
            description=_label("kbli"),
            placeholder=t("ui.intake.hint.kbli"),
            ensure_option=False,
            style=self.looks.text,
            layout=self.looks.wide,
        )
        self._register("kbli", self.kbli)
        self.kbli.observe(self._kbli_typed, names="value")
        self.online = {
            code: w.Checkbox(
                description=label, indent=False, layout=self.looks.auto, style=self.looks.tick
            )
            for label, code in online_channel_choices()
        }
        for code, box in self.online.items():
            box.add_class(f"plut-online-{code}")
        # Region cascade: province → regency → district → village (= village_code).
        self.province = self._region("province", [choose, *province_choices(home_region)])
        self.regency = self._region("regency", [choose])
        self.district = self._region("district", [choose])
        self.village = self._region("village", [choose])
        self.messages["village_code"] = self._slot("village_code")
        self.province.observe(lambda c: self._cascade(self.regency, c["new"]), names="value")
        self.regency.observe(lambda c: self._cascade(self.district, c["new"]), names="value")
        self.district.observe(lambda c: self._cascade(self.village, c["new"]), names="value")
        self.village.observe(lambda _c: self._notify("village_code"), names="value")
        for name in CHECKED_ON_CHANGE:
            self.inputs[name].observe(lambda _c, n=name: self._notify(n), names="value")
        self.reset()

    # --- building ----------------------------------------------------------

    def _notify(self, field: str) -> None:
        if not self._quiet:
            self.on_change(field)

    def _slot(self, field: str) -> w.HTML:
        slot = w.HTML(layout=self.looks.slot, style=self.looks.html)
        slot.add_class("plut-field-msg")
        slot.add_class(f"plut-msg-{field}")
        return slot

    def _register(self, name: str, widget: w.ValueWidget) -> None:
        widget.add_class(f"plut-intake-{name}")
        self.inputs[name] = widget
        self.messages[name] = self._slot(name)

    def _text(self, name: str, hint: str = "") -> None:
        self._register(
            name,
            w.Text(
                description=_label(name),
                placeholder=hint,
                continuous_update=False,  # value arrives when the user leaves the field
                style=self.looks.text,
                layout=self.looks.wide,
            ),
        )

    def _dropdown(self, name: str, options: list[Choice]) -> None:
        self._register(
            name,
            w.Dropdown(
                description=_label(name),
                options=options,
                style=self.looks.choice,
                layout=self.looks.wide,
            ),
        )

    def _checkbox(self, name: str) -> None:
        box = w.Checkbox(
            description=_label(name), indent=False, layout=self.looks.auto, style=self.looks.tick
        )
        box.add_class(f"plut-intake-{name}")
        self.inputs[name] = box

    def _region(self, level: str, options: list[Choice]) -> w.Dropdown:
        box = w.Dropdown(
            description=t(f"ui.intake.label.{level}"),
            options=options,
            value="",
            style=self.looks.choice,
            layout=self.looks.wide,
        )
        box.add_class(f"plut-intake-{level}")
        return box

    def _cascade(self, child: w.Dropdown, parent_code: str) -> None:
        # New options reset the child to "choose", which empties its own children in turn.
        child.options = [(t("ui.intake.choose"), ""), *region_choices(parent_code)]
        child.value = ""

    def _kbli_typed(self, change: dict[str, Any]) -> None:
        text = str(change["new"] or "")
        if text not in self.kbli.options:
            self.kbli.options = [kbli_label(k) for k in search_kbli(text)]
        self._notify("kbli")

    def sections(self) -> list[w.Widget]:
        """The form's widgets in display order: each input followed by its message
        slot, grouped under section headings (flat: no box per row, fewer models)."""
        looks = self.looks

        def rows(*names: str) -> list[w.Widget]:
            return [x for n in names for x in (self.inputs[n], self.messages[n])]

        def heading(key: str) -> w.HTML:
            return looks.html_box(f"<h3 class='plut-section'>{esc(t(key))}</h3>")

        def ticks(label: str, boxes: list[w.Checkbox]) -> w.HBox:
            caption = w.Label(label, layout=looks.caption, style=looks.label)
            caption.add_class("plut-caption")
            return w.HBox([caption, *boxes], layout=looks.plain)

        online = ticks(t("ui.intake.label.online_channels"), list(self.online.values()))
        markets = ticks(t("ui.intake.label.markets"), [self.inputs[m] for m in _MARKETS])
        people = ticks("", [self.inputs["disability"], self.inputs["orang_asli_papua"]])
        return [
            heading("ui.intake.section.enterprise"),
            *rows("enterprise_name", "nib", "legal_form", "kbli", "products", "founding_year"),
            online,
            *rows("outreach_channel"),
            heading("ui.intake.section.address"),
            *rows("street_address"),
            self.province,
            self.regency,
            self.district,
            self.village,
            self.messages["village_code"],
            heading("ui.intake.section.owner"),
            *rows("owner_name", "nik", "phone", "email", "education"),
            people,
            heading("ui.intake.section.baseline"),
            *rows("capital", "sales", "employees", "employees_women"),
            markets,
            heading("ui.intake.section.service"),
            *rows("service_code", "description", "priority"),
        ]

    # --- reading and writing -----------------------------------------------

    @property
    def village_code(self) -> str:
        """The chosen village's code, or ``""``."""
        return str(self.village.value or "")

    def values(self) -> dict[str, object]:
        """Everything typed, as :func:`~plut_nb.services.intake_support.check_intake` takes it."""
        out: dict[str, object] = {name: box.value for name, box in self.inputs.items()}
        out["village_code"] = self.village_code
        out["online_channels"] = [code for code, box in self.online.items() if box.value]
        return out

    def set_village(self, code: str) -> None:
        """Select a village (and its district, regency and province) by its dotted code."""
        self.province.value = code[:2]
        self.regency.value = code[:5]
        self.district.value = code[:8]
        self.village.value = code

    def show_messages(
        self, by_field: dict[str, list[str]], *, only: set[str] | None = None
    ) -> None:
        """Put each field's messages in its slot; other slots are emptied (or, with
        ``only``, left alone outside those fields)."""
        for name, slot in self.messages.items():
            if only is not None and name not in only:
                continue
            msgs = by_field.get(name, [])
            slot.value = "".join(f'<div class="plut-error">{esc(m)}</div>' for m in msgs)

    def clear_messages(self) -> None:
        """Empty every message slot."""
        self.show_messages({})

    def reset(self) -> None:
        """Empty the form: defaults back, the centre's province (and regency) preselected."""
        self._quiet = True
        try:
            for name, box in self.inputs.items():
                box.value = _DEFAULTS.get(name, "")
            for box in self.online.values():
                box.value = False
            home = self.home_region or ""
            self.province.value = home[:2]
            self.regency.value = home[:5] if len(home) >= 5 else ""
            self.district.value = ""
            self.kbli.options = []
            self.clear_messages()
        finally:
            self._quiet = False
