"""Horizontal bar charts drawn on the server as inline SVG.

They need no JavaScript, print, and go into the PDF unchanged. Sizes and colours are SVG
presentation attributes (not CSS), so the page's Content Security Policy can forbid inline
styles. Each bar is labelled with its name and number in text: nothing is told by colour
alone, and the numbers are also in a table next to each chart.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 680
FONT = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
LABEL_WIDTH = 270
VALUE_WIDTH = 70
ROW_HEIGHT = 30
BAR_HEIGHT = 20
BAR_COLOUR = "#1d70b8"
TEXT_COLOUR = "#0b0c0c"

# Fills that differ in pattern as well as colour: solid, hatched, dotted.
PATTERNS = {
    "solid": None,
    "hatched": format_html(
        '<pattern id="{{id}}" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
        '<rect width="4" height="8" fill="{}"/></pattern>',
        "#00703c",
    ),
    "dotted": format_html(
        '<pattern id="{{id}}" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        '<circle cx="3" cy="3" r="2" fill="{}"/></pattern>',
        "#505a5f",
    ),
}


def bar_chart(
    *, chart_id: str, title: str, description: str, rows: list, fills: list[str] | None = None
) -> SafeString:
    """An SVG bar chart of ``rows`` (objects with ``label`` and ``count``).

    ``fills`` names a pattern of PATTERNS per row; rows are solid blue otherwise.
    """
    height = max(len(rows), 1) * ROW_HEIGHT + 10
    longest = max((row.count for row in rows), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / longest
    defs, parts = [], []
    for index, row in enumerate(rows):
        fill = BAR_COLOUR
        pattern = PATTERNS.get(fills[index]) if fills else None
        if pattern:
            pattern_id = f"{chart_id}-fill-{index}"
            defs.append(pattern.replace("{id}", pattern_id))
            fill = f"url(#{pattern_id})"
        top = 5 + index * ROW_HEIGHT
        bar = round(row.count * scale, 1)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}" class="app-chart__label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" '
                'class="app-chart__bar"/>'
                '<text x="{}" y="{}" fill="{}" class="app-chart__value">{}</text>',
                LABEL_WIDTH - 8,
                top + 15,
                TEXT_COLOUR,
                row.label,
                LABEL_WIDTH,
                top,
                bar,
                BAR_HEIGHT,
                fill,
                TEXT_COLOUR if row.count else "none",
                LABEL_WIDTH + bar + 6,
                top + 15,
                TEXT_COLOUR,
                row.count,
            )
        )
    summary = "; ".join(f"{row.label}: {row.count}" for row in rows)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="app-chart__svg" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="{font}" font-size="14" '
        'aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "<defs>{defs}</defs>{bars}</svg>",
        w=WIDTH,
        h=height,
        id=chart_id,
        font=FONT,
        title=title,
        desc=f"{description} {summary}." if rows else f"{description} None.",
        defs=SafeString("".join(defs)),
        bars=format_html_join("", "{}", ((part,) for part in parts)),
    )
