"""Long lists of the open record in pages of 50, with GOV.UK pagination: each list has
its own page parameter (so two lists on one page turn independently), keeps the other
parameters (a search) and jumps back to its own heading."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

PER_PAGE = 50


@dataclass
class Pages:
    """One page of a list, with what its pagination and "Showing" line need."""

    page: Page
    label: str  # what the rows are, plural: "actions"
    singular: str
    previous: str | None
    next: str | None
    links: list[dict]

    @property
    def rows(self) -> list:
        return self.page.object_list

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def summary(self) -> str:
        """ "Showing 1 to 50 of 9,871 actions", or "" when there are none."""
        if not self.count:
            return ""
        noun = self.singular if self.count == 1 else self.label
        return (
            f"Showing {self.page.start_index():,} to {self.page.end_index():,} "
            f"of {self.count:,} {noun}"
        )


def paginate(request, rows, *, label: str, singular: str, param="page", anchor="") -> Pages:
    """Page ``request.GET[param]`` of ``rows`` (a list: slicing it costs nothing). A page
    number past the end shows the last page, one that is not a number the first."""
    paginator = Paginator(rows, PER_PAGE)
    page = paginator.get_page(request.GET.get(param))
    fragment = f"#{anchor}" if anchor else ""

    def href(number: int) -> str:
        query = request.GET.copy()
        query.pop(param, None)
        if number > 1:  # the first page is the list's own address, one ETag for both
            query[param] = str(number)
        encoded = query.urlencode()
        return f"{request.path}{'?' + encoded if encoded else ''}{fragment}"

    links = []
    if paginator.num_pages > 1:
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
            if number == Paginator.ELLIPSIS:
                links.append({"ellipsis": True})
            else:
                links.append(
                    {"number": number, "href": href(number), "current": number == page.number}
                )
    return Pages(
        page=page,
        label=label,
        singular=singular,
        previous=href(page.previous_page_number()) if page.has_previous() else None,
        next=href(page.next_page_number()) if page.has_next() else None,
        links=links,
    )
