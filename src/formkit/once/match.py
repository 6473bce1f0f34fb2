"""Match: which fields are one data item, which labels are only similar, which templates overlap.

Fields are one item when they name the same element (or a field's label is an element's label
or alias), bind the same pool value (equal canonical trees), or have the same normalised label
with compatible types (SPEC §8.2). Similar labels are found by a set-similarity join on
character bigrams (a prefix filter, so only pairs that can reach the threshold are scored), then
scored with rapidfuzz's Indel ratio: never by comparing every label with every other.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from formkit.core.periods import nests
from formkit.document.elements import Element, ElementsModel
from formkit.document.model import pick_label
from formkit.once.collect import TYPE_CLASS, Slot
from formkit.once.normalize import normalize_label, specific
from formkit.once.report import Item, MatchRule, MergeCandidate, Prefillable, SimilarPair

OVERLAP_TEMPLATES = 60
_NUMBER = re.compile(r"\d+(?:\.\d+)?")  # the overlap matrix keeps the templates that share the most items


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Matched:
    slots: list[Slot]
    item_of: list[int]  # slot index → item root (a slot index)
    rules: dict[int, set[MatchRule]] = field(default_factory=dict)
    element_of: dict[int, str] = field(default_factory=dict)  # item root → "dictionary:element"

    def members(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i, root in enumerate(self.item_of):
            out[root].append(i)
        return out


def element_table(dictionaries: Iterable[ElementsModel]) -> dict[str, Element]:
    """Every element of every dictionary, as "dictionary:element"."""
    return {f"{d.id}:{e.id}": e for d in dictionaries for e in d.elements.values()}


def match(slots: Sequence[Slot], elements: Mapping[str, Element]) -> Matched:
    """Group the slots into items by the three rules."""
    names = _element_names(elements)
    keyed: dict[tuple[Hashable, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(slots):
        for key in _keys(s, names):
            keyed[key].append(i)
    union = _Union(len(slots))
    for members in keyed.values():
        for j in members[1:]:
            union.join(members[0], j)
    result = Matched(list(slots), [union.find(i) for i in range(len(slots))])
    for key, members in keyed.items():
        root = result.item_of[members[0]]
        if key[0] == "E":
            result.element_of.setdefault(root, str(key[1]))
        if len(members) > 1:
            result.rules.setdefault(root, set()).add(_RULE[str(key[0])])
    return result


_RULE: dict[str, MatchRule] = {"E": "element", "P": "pool", "L": "label"}


def _element_names(elements: Mapping[str, Element]) -> dict[tuple[str, str], str]:
    """(normalised label or alias, type class) → element, for names that can stand alone."""
    out: dict[tuple[str, str], str] = {}
    for key, e in elements.items():
        cls = TYPE_CLASS.get(e.type, e.type)
        for name in (pick_label(e.label, "zh"), *e.aliases):
            norm = normalize_label(name)
            if specific(norm):
                out.setdefault((norm, cls), key)
    return out


def _keys(s: Slot, names: Mapping[tuple[str, str], str]) -> Iterable[tuple[Hashable, ...]]:
    if s.element is not None:
        yield ("E", s.element)
    if s.binding is not None:
        yield ("P", s.binding)
    if s.label_key is not None:
        yield ("L", s.label_key, s.type_class)
        named = names.get((s.label_key, s.type_class))
        if named is not None:
            yield ("E", named)


# -- the items asked in two or more templates -----------------------------------------------


def repeated(m: Matched, elements: Mapping[str, Element]) -> list[Item]:
    out = []
    for root, members in m.members().items():
        slots = [m.slots[i] for i in members]
        if len({s.place.template for s in slots}) < 2:
            continue
        element = m.element_of.get(root)
        e = elements.get(element) if element is not None else None
        places = sorted((s.place for s in slots), key=lambda p: (p.template, p.line, p.field))
        binding = next((s.binding_text for s in slots if s.binding_text is not None), None)
        if binding is None and e is not None and e.value is not None:
            binding = e.value.text
        out.append(Item(
            key=element.split(":", 1)[1] if element else f"{places[0].template}.{places[0].field}",
            label=pick_label(e.label, "zh") if e is not None else places[0].label,
            type=slots[0].type_class, rules=sorted(m.rules.get(root, set())), element=element,
            binding=binding, places=places))
    out.sort(key=lambda it: (-it.templates, -it.times_per_year, it.key))
    return out


def prefillable(m: Matched, elements: Mapping[str, Element]) -> list[Prefillable]:
    """Typed fields whose item is pool-bound in another field, or has an element `value`."""
    bound: dict[int, Slot] = {}
    for i, s in enumerate(m.slots):
        if s.binding_text is not None:
            bound.setdefault(m.item_of[i], s)
    out = []
    for i, s in enumerate(m.slots):
        if not s.typed or "." in s.place.field:  # a roster column or grid cell takes its row's binding
            continue
        root = m.item_of[i]
        source = bound.get(root)
        if source is not None and source.binding_text is not None:
            out.append(Prefillable(s.place, source.binding_text,
                                   f"{source.place.template}.{source.place.field} ({source.place.where})"))
            continue
        element = s.element or m.element_of.get(root)
        e = elements.get(element) if element is not None else None
        if e is not None and e.value is not None and e.value.text is not None:
            out.append(Prefillable(s.place, e.value.text, f"element {e.id} ({e.span.file}:{e.span.line})"))
    return out


# -- labels that are only similar ---------------------------------------------------------------


@dataclass
class SimilarStats:
    labels: int = 0
    pairs_compared: int = 0


def similar(m: Matched, threshold: float) -> tuple[list[SimilarPair], SimilarStats]:
    """Pairs of distinct normalised labels scoring at least ``threshold`` (0..1), whose fields
    are not already one item and have compatible types: *maybe the same*, never merged."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(m.slots):
        if s.label_key is not None and "." not in s.place.field:
            by_label[s.label_key].append(i)
    labels = sorted(by_label)
    stats = SimilarStats(labels=len(labels))
    out = []
    numbers = [_NUMBER.findall(label) for label in labels]
    for a, b in _candidates(labels, threshold):
        stats.pairs_compared += 1
        score = Indel.normalized_similarity(labels[a], labels[b])
        if score < threshold or numbers[a] != numbers[b]:  # 60岁以上 and 65岁以上 are two items
            continue
        pair = _representatives(m, by_label[labels[a]], by_label[labels[b]])
        if pair is not None:
            out.append(SimilarPair(m.slots[pair[0]].place, m.slots[pair[1]].place, score))
    out.sort(key=lambda p: (-p.score, p.a.label, p.b.label))
    return out, stats


def _representatives(m: Matched, left: list[int], right: list[int]) -> tuple[int, int] | None:
    """A field of each label in two different templates, of compatible types and of different
    items (within one form two similar labels are two questions, not one asked twice)."""
    for i in left:
        for j in right:
            a, b = m.slots[i], m.slots[j]
            if m.item_of[i] != m.item_of[j] and a.type_class == b.type_class and a.place.template != b.place.template:
                return i, j
    return None


def _bigrams(text: str) -> list[tuple[str, int]]:
    """Character bigrams, each occurrence numbered (a multiset as a set)."""
    seen: Counter[str] = Counter()
    out = []
    for k in range(len(text) - 1):
        g = text[k:k + 2]
        seen[g] += 1
        out.append((g, seen[g]))
    return out


def _min_overlap(la: int, lb: int, t: float) -> int:
    """The fewest bigrams two labels of lengths ``la`` and ``lb`` share when their Indel
    similarity is at least ``t``: the longest common subsequence has L ≥ t(la+lb)/2 characters,
    each unmatched character of a breaks at most two of a's bigrams and each of b's at most one,
    so at least 3L − la − lb − 1 of a's bigrams occur in b."""
    common = math.ceil(t * (la + lb) / 2 - 1e-9)
    return 3 * common - la - lb - 1


def _candidates(labels: Sequence[str], t: float) -> Iterable[tuple[int, int]]:
    """Pairs that can reach ``t``: lengths close enough, and sharing a bigram among the first
    ones of each (rarest first) — the prefix filter of set-similarity joins. Where the bound
    gives no shared bigram (a low threshold), every pair of close lengths is a candidate."""
    grams = [_bigrams(s) for s in labels]
    freq: Counter[tuple[str, int]] = Counter(g for gs in grams for g in gs)
    ratio = t / (2 - t)  # Indel similarity ≥ t needs min(la, lb) ≥ ratio · max(la, lb)
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    loose: list[int] = []
    for i in sorted(range(len(labels)), key=lambda k: len(labels[k])):
        la = len(labels[i])
        shortest = max(2, math.ceil(la * ratio - 1e-9))
        need = min(_min_overlap(la, lb, t) for lb in range(shortest, la + 1))
        if need <= 0 or not grams[i]:  # no bigram need be shared: every earlier label of a fitting length
            earlier = set(loose).union(*index.values())
            yield from ((j, i) for j in sorted(earlier) if len(labels[j]) >= shortest)
            loose.append(i)
            continue
        prefix = sorted(grams[i], key=lambda g: (freq[g], g))[: max(1, len(grams[i]) - need + 1)]
        found: set[int] = set(j for j in loose if len(labels[j]) >= shortest)
        for g in prefix:
            found.update(j for j in index[g] if len(labels[j]) >= shortest)
        yield from ((j, i) for j in sorted(found))
        for g in prefix:
            index[g].append(i)


# -- templates that could be one ---------------------------------------------------------------


@dataclass(frozen=True)
class TemplateItems:
    id: str
    level: str | None
    period: str
    fields: int
    items: frozenset[int]


def overlaps(templates: Sequence[TemplateItems], at_least: float = 0.5) -> dict[tuple[int, int], int]:
    """Shared items of the pairs of templates whose item sets can overlap by ``at_least``
    (Jaccard): a prefix-filter join over the items, rarest first, so that an item every
    template asks (户籍人口) never makes every pair a candidate; each candidate is verified
    exactly."""
    holders: dict[int, int] = Counter(item for t in templates for item in t.items)
    sets = [t.items for t in templates]
    sizes = [len(x) for x in sets]
    index: dict[int, list[int]] = defaultdict(list)
    shared: dict[tuple[int, int], int] = {}
    for k in sorted(range(len(sets)), key=sizes.__getitem__):
        items, size = sets[k], sizes[k]
        if not size:
            continue
        ranked = sorted(items, key=lambda item: (holders[item], item))
        smallest = at_least * size  # a partner with fewer items cannot reach the overlap
        found: set[int] = set()
        for item in ranked[: size - math.ceil(at_least * size - 1e-9) + 1]:
            found.update(index[item])
            index[item].append(k)
        for j in found:
            if sizes[j] >= smallest:
                n = len(items & sets[j])
                shared[(j, k)] = n
    return shared


def merges(templates: Sequence[TemplateItems], shared: Mapping[tuple[int, int], int],
           at_least: float = 0.5) -> list[MergeCandidate]:
    """Groups of templates at one level, with periods one can derive from another, joined by
    pairs whose items overlap by at least ``at_least`` (Jaccard)."""
    union = _Union(len(templates))
    periods = {k: frozenset({t.period}) for k, t in enumerate(templates)}
    derivable = functools.lru_cache(maxsize=None)(_derivable)
    weakest: dict[int, float] = {}
    edges = []
    for (a, b), n in shared.items():
        ta, tb = templates[a], templates[b]
        jaccard = n / (len(ta.items) + len(tb.items) - n)
        if jaccard >= at_least and ta.level == tb.level and derivable(periods[a], periods[b]):
            edges.append((jaccard, a, b))
    edges.sort(reverse=True)  # the closest pairs first
    for jaccard, a, b in edges:
        ra, rb = union.find(a), union.find(b)
        if ra == rb or not derivable(periods[ra], periods[rb]):
            continue  # every two periods of a group must be derivable one from the other
        union.join(ra, rb)
        root = union.find(ra)
        periods[root] = periods[ra] | periods[rb]
        weakest[root] = min(jaccard, weakest.get(ra, 1.0), weakest.get(rb, 1.0))
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(templates)):
        groups[union.find(k)].append(k)
    out = []
    for root, ks in groups.items():
        if len(ks) < 2:
            continue
        members = [templates[k] for k in ks]
        items = frozenset().union(*(t.items for t in members))
        out.append(MergeCandidate(sorted(t.id for t in members), members[0].level, _finest(members),
                                  sum(t.fields for t in members), len(items), weakest.get(root, 1.0)))
    out.sort(key=lambda c: (-(c.fields_before - c.fields_after), c.templates))
    return out


def _derivable(left: frozenset[str], right: frozenset[str]) -> bool:
    return all(nests(p, q) or nests(q, p) for p in left for q in right)


def _finest(members: Sequence[TemplateItems]) -> str:
    order = ("weekly", "monthly", "quarterly", "yearly", "once")
    return min((t.period for t in members), key=lambda p: order.index(p) if p in order else len(order))


def overlap_matrix(templates: Sequence[TemplateItems], keep: int = OVERLAP_TEMPLATES) -> dict[str, dict[str, int]]:
    """Shared item counts between the ``keep`` templates that share the most items with others
    (counted per item, so no pair of the whole catalog is ever formed)."""
    holders: Counter[int] = Counter(item for t in templates for item in t.items)
    sharing = [(sum(holders[i] - 1 for i in t.items), t.id, k) for k, t in enumerate(templates)]
    top = sorted(k for n, _, k in sorted(sharing, key=lambda x: (-x[0], x[1]))[:keep] if n > 0)
    out: dict[str, dict[str, int]] = {templates[k].id: {} for k in top}
    for x, a in enumerate(top):
        for b in top[x + 1:]:
            n = len(templates[a].items & templates[b].items)
            if n:
                out[templates[a].id][templates[b].id] = n
                out[templates[b].id][templates[a].id] = n
    return out
