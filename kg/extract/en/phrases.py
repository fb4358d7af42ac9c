"""Longest-match lookup of phrases over word parts."""

from __future__ import annotations

from collections import defaultdict

from kg.extract.en.parts import Part


class PhraseIndex:
    """Longest-match lookup of phrase keys over word parts: a dict of keys plus the sets of their
    prefixes and suffixes, so a lookup stops as soon as no key can continue (no regex alternation)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], list] = defaultdict(list)
        self.prefixes: set[tuple[str, ...]] = set()
        self.suffixes: set[tuple[str, ...]] = set()
        self.firsts: set[str] = set()  # first and last words of keys: most words start and end none
        self.lasts: set[str] = set()
        self.max_len = 0

    def add(self, key: tuple[str, ...], payload) -> None:
        if key and payload not in self.entries[key]:
            self.entries[key].append(payload)
            self.max_len = max(self.max_len, len(key))
            self.prefixes.update(key[:n] for n in range(1, len(key) + 1))
            self.suffixes.update(key[-n:] for n in range(1, len(key) + 1))
            self.firsts.add(key[0])
            self.lasts.add(key[-1])

    def longest_at(self, parts: list[Part], i: int) -> tuple[int, list]:
        """The longest key starting at parts[i], not crossing punctuation or a possessive."""
        best: tuple[int, list] = (0, [])
        key: tuple[str, ...] = ()
        for n in range(1, min(self.max_len, len(parts) - i) + 1):
            part = parts[i + n - 1]
            if n > 1 and (part.hard_gap or parts[i + n - 2].possessive):
                break
            key += (part.key,)
            if key not in self.prefixes:
                break
            hit = self.entries.get(key)
            if hit:
                best = (n, hit)
        return best

    def longest_ending_at(self, parts: list[Part], j: int) -> tuple[int, list]:
        """The longest key ending just before parts[j] (for head-final compounds)."""
        best: tuple[int, list] = (0, [])
        key: tuple[str, ...] = ()
        for n in range(1, min(self.max_len, j) + 1):
            part = parts[j - n]
            if n > 1 and (parts[j - n + 1].hard_gap or part.possessive):
                break
            key = (part.key,) + key
            if key not in self.suffixes:
                break
            hit = self.entries.get(key)
            if hit:
                best = (n, hit)
        return best

    def scan(self, parts: list[Part]) -> list[tuple[int, int, list]]:
        """Non-overlapping longest matches, left to right: (first part, end part, payloads)."""
        found, i = [], 0
        firsts = self.firsts
        while i < len(parts):
            if parts[i].key not in firsts:
                i += 1
                continue
            n, hit = self.longest_at(parts, i)
            if n:
                found.append((i, i + n, hit))
                i += n
            else:
                i += 1
        return found

    def scan_from_right(self, parts: list[Part]) -> list[tuple[int, int, list]]:
        """Non-overlapping longest matches, right to left."""
        found, j = [], len(parts)
        lasts = self.lasts
        while j > 0:
            if parts[j - 1].key not in lasts:
                j -= 1
                continue
            n, hit = self.longest_ending_at(parts, j)
            if n:
                found.append((j - n, j, hit))
                j -= n
            else:
                j -= 1
        return found[::-1]
