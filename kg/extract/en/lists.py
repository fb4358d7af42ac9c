"""Enterprises named as items of a list: "enterprises such as A, B and C", "A, B and other enterprises",
"Dasha Town: A, B, ...". A list whose items are mostly places, or that names an office, lists no enterprises."""

from __future__ import annotations

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part
from kg.extract.en.words import cap_prefix, cap_run_before


def listed_names(ctx: DocumentContext, parts: list[Part], idx: int, add, blocked: set[int]) -> None:
    keys = [p.key for p in parts]
    for i in range(len(parts)):
        # "... enterprises such as A, B and C": each item starts with its capitalised name
        for noun in ctx.lex.list_nouns_by_first.get(keys[i], ()):
            n = len(noun)
            if tuple(keys[i : i + n]) != noun:
                continue
            after = i + n
            cue = tuple(keys[after : after + 2])
            skip = 2 if cue == ("such", "as") else 1 if cue[:1] in (("including",), ("like",)) else 0
            if not skip:
                continue
            lo = after + skip
            hi = lo
            while hi < len(parts) and not (parts[hi].hard_gap and hi > lo and not list_gap(ctx, parts, hi)):
                if parts[hi].key in ctx.lex.list_stop_words:
                    break
                hi += 1
            items: list[tuple[int, int, str]] = []
            for a, b in segments(ctx, parts, lo, hi):
                core = cap_prefix(parts, a, b)
                if core == a:
                    break
                items.append((a, core, " ".join(p.raw for p in parts[core:b])))
            for a, core, trailing in _not_places(ctx, parts, items, blocked):
                add(a, core, "list-such-as", trailing)
        # "A, B and other (leading) enterprises": items end with their capitalised name, the last
        # one may be described by lower-case words ("Meixin musical instruments and other projects")
        if keys[i] == "and" and i + 1 < len(parts) and keys[i + 1] == "other":
            tail = keys[i + 2 : i + 9]
            if not any(tuple(tail[x : x + len(nn)]) == nn for nn in ctx.lex.list_nouns for x in range(len(tail))):
                continue
            items = []
            seg_end, last = i, True
            while seg_end > 0:
                seg_start = seg_end - 1
                while seg_start > 0 and not parts[seg_start].hard_gap and parts[seg_start - 1].key != "and":
                    seg_start -= 1
                if last:
                    first_cap = next((k for k in range(seg_start, seg_end) if parts[k].cap), None)
                    if first_cap is None:
                        break
                    core = cap_prefix(parts, first_cap, seg_end)
                    items.append((first_cap, core, " ".join(p.raw for p in parts[core:seg_end])))
                    last = False
                elif parts[seg_end - 1].cap:
                    items.append((cap_run_before(parts, seg_end), seg_end, ""))
                else:
                    break
                if seg_start > 0 and parts[seg_start - 1].key == "and":
                    seg_end = seg_start - 1
                elif seg_start > 0 and parts[seg_start].hard_gap and list_gap(ctx, parts, seg_start):
                    seg_end = seg_start
                else:
                    break
            for a, core, trailing in _not_places(ctx, parts, items, blocked):
                add(a, core, "list-and-other", trailing)


def colon_listed_names(ctx: DocumentContext, parts: list[Part], add, blocked: set[int]) -> None:
    """"Dasha Town: Hengda Copper, auto parts manufacturing, ...": after a place and a colon, the
    capitalised items are the place's enterprises (lower-case items are its industries)."""
    j = 0
    while j < len(parts) and parts[j].start in blocked and not (j and parts[j].hard_gap):
        j += 1
    if j == 0 or j >= len(parts) or ":" not in ctx.gap_text(parts[j - 1].end, parts[j].start):
        return
    for a, b in segments(ctx, parts, j, len(parts)):
        core = cap_prefix(parts, a, b)
        if core > a and core == b:
            add(a, core, "colon-list")


def segments(ctx: DocumentContext, parts: list[Part], lo: int, hi: int) -> list[tuple[int, int]]:
    """Cut parts[lo:hi] into list segments at list commas and at 'and'."""
    segments, start = [], lo
    for k in range(lo, hi):
        if k > start and parts[k].hard_gap:
            segments.append((start, k))
            start = k
        if parts[k].key == "and":
            if k > start:
                segments.append((start, k))
            start = k + 1
    if hi > start:
        segments.append((start, hi))
    return segments


def _not_places(ctx: DocumentContext, parts: list[Part], items: list[tuple[int, int, str]], blocked: set[int]):
    """A list whose items are mostly places ("wharf projects such as Changgang, Jiushi and X") lists
    places, and one with an office in it lists government bodies: none of its items is an enterprise."""
    # an item that starts with a place is a place's works, unless its name ends in a business ("<City> Guolian
    # Aquatic Products")
    placey = sum(1 for a, core, _ in items if parts[a].start in blocked and not (
        (parts[core - 1].key,) in ctx.lex.enterprise_heads or ctx.m.industries.longest_ending_at(parts, core)[0]))
    if items and placey * 2 >= len(items):
        return []
    # "Bureau of Science, Industry, Commerce and Information Technology and other departments"
    for a, core, _ in items:
        if any(p.cap and p.key in ctx.lex.organisation_words for p in parts[max(0, a - 4):core]):
            return []
    return items


def list_gap(ctx: DocumentContext, parts: list[Part], k: int) -> bool:
    """Is the punctuation before parts[k] a list comma (not a full stop, colon or semicolon)?"""
    return ctx.gap_text(parts[k - 1].end, parts[k].start).strip() in (",", "、", "")


# The longest name a list of names holds, in words.
MAX_LIST_NAME = 5


def list_mates(ctx: DocumentContext, parts: list[Part], add, found: list[tuple[int, int]]) -> None:
    """"GCL, MMS and Jintian": in a list of bare capitalised names, the mates of a name found as an enterprise
    are enterprises too (a list names things of one kind)."""
    if not found:
        return
    items: list[tuple[int, int]] = []
    k = 0
    while k < len(parts):
        # no name starts with a word that opens sentences ("Meanwhile, <Company> plans ...": no list)
        lower = parts[k].raw.lower()
        if not parts[k].cap or lower in ctx.lex.openers or lower in ctx.lex.sentence_adverbs:
            k += 1
            continue
        j = k + 1
        while j < len(parts) and parts[j].cap and not parts[j].hard_gap and j - k < MAX_LIST_NAME:
            j += 1
        items.append((k, j))
        k = j
    groups: list[list[tuple[int, int]]] = []
    for item in items:
        if groups and _list_glue(ctx, parts, groups[-1][-1][1], item[0]):
            groups[-1].append(item)
        else:
            groups.append([item])
    for group in groups:
        if len(group) < 2:
            continue
        known = [any(s < parts[b - 1].end and parts[a].start < e for s, e in found) for a, b in group]
        if any(known):
            for (a, b), is_known in zip(group, known):
                if not is_known:
                    add(a, b, "list-mate")


def _list_glue(ctx: DocumentContext, parts: list[Part], end: int, start: int) -> bool:
    """Only a list comma or 'and' / 'or' between two names."""
    words = [p.key for p in parts[end:start]]
    if words not in ([], ["and"], ["or"]):
        return False
    gap = ctx.gap_text(parts[end - 1].end, parts[start].start)
    return gap.replace("and", "").replace("or", "").strip() in (",", "、", "") and (bool(words) or "," in gap)
