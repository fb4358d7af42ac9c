/* industry-kg: find entities by the names a person types, as `kg show` and `kg path` do (kg/read/lookup.py):
   the first tier with a match is the answer the command line gives, and every page lists the tiers in order.

   1. a label or alias spelled the same, ignoring case and spacing ("hengda copper", "四会");
   2. the same words, ignoring company forms, plurals and punctuation ("Hengda Mould Company");
   3. the same words with small typos ("Jintain Coper"): difflib's ratio of at least 0.8, words of 4 letters or more;
   4. a label that contains every word typed ("advanced materials cluster");
   5. the same, with small typos;
   and, for a name still being typed: 6. its last word is the beginning of a word of the label ("Jint");
   7. the text typed appears anywhere in the label (part of a Chinese name: "铜业").

   Names are data (from documents): this file only compares them, it never puts them into the page. */
var kgMatch = (function () {
  "use strict";

  var TYPO_RATIO = 0.8, TYPO_MIN_LENGTH = 4;
  var QUOTES = { "\u2019": "'", "\u2018": "'", "\u201c": "\"", "\u201d": "\"" };

  // kg.names.fold: compatibility forms folded character by character (full-width letters), typographic quotes.
  function fold(text) {
    var out = "";
    for (var ch of String(text || "")) {
      if (ch.charCodeAt(0) < 128) { out += ch; continue; }
      var folded = ch.normalize("NFKC");
      folded = folded.length === 1 ? folded : ch;
      out += QUOTES[folded] || folded;
    }
    return out;
  }

  function norm(text) {
    return fold(text).toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  // kg.names.singular: the singular of a lower-case English word, by its ending.
  function singular(word) {
    if (word.length <= 3 || /[^\x00-\x7f]/.test(word)) { return word; }
    if (/ies$/.test(word) && word.length > 4) { return word.slice(0, -3) + "y"; }
    if (/(sses|ches|shes|xes)$/.test(word)) { return word.slice(0, -2); }
    if (/ics$/.test(word)) { return word.slice(0, -1); }
    if (/s$/.test(word) && !/(ss|us|is|ics)$/.test(word)) { return word.slice(0, -1); }
    return word;
  }

  var WORD = /[\p{L}\p{N}]+/gu;

  // kg.read.lookup.name_words: lower case, singular, without company forms (unless nothing else is left).
  function nameWords(text, optional) {
    var words = (fold(text).toLowerCase().match(WORD) || []).map(singular);
    var kept = words.filter(function (w) { return !optional.has(w); });
    return kept.length ? kept : words;
  }

  // difflib.SequenceMatcher(None, a, b).ratio() for short strings (no junk: words are under 200 characters).
  function ratio(a, b) {
    var total = a.length + b.length;
    if (!total) { return 1; }
    var positions = new Map();
    for (var j = 0; j < b.length; j++) {
      var list = positions.get(b[j]);
      if (list) { list.push(j); } else { positions.set(b[j], [j]); }
    }
    var matched = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), alo = q[0], ahi = q[1], blo = q[2], bhi = q[3];
      var besti = alo, bestj = blo, bestsize = 0, lengths = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = positions.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var jj = js[n];
          if (jj < blo) { continue; }
          if (jj >= bhi) { break; }
          var k = (lengths.get(jj - 1) || 0) + 1;
          next.set(jj, k);
          if (k > bestsize) { besti = i - k + 1; bestj = jj - k + 1; bestsize = k; }
        }
        lengths = next;
      }
      if (bestsize) {
        matched += bestsize;
        if (alo < besti && blo < bestj) { queue.push([alo, besti, blo, bestj]); }
        if (besti + bestsize < ahi && bestj + bestsize < bhi) {
          queue.push([besti + bestsize, ahi, bestj + bestsize, bhi]);
        }
      }
    }
    return 2 * matched / total;
  }

  function counts(word) {
    var c = new Map();
    for (var ch of word) { c.set(ch, (c.get(ch) || 0) + 1); }
    return c;
  }

  // difflib's quick_ratio: an upper bound of ratio from the letters the two words share.
  function quickRatio(a, ca, b) {
    var cb = counts(b), shared = 0;
    cb.forEach(function (n, ch) { shared += Math.min(n, ca.get(ch) || 0); });
    return 2 * shared / (a.length + b.length);
  }

  // entries: [{names: [name, ...]}, ...]; optional: the words a name may leave out (company forms).
  function Matcher(entries, optional) {
    this.optional = new Set(optional || []);
    this.entries = entries;
    this.records = [];        // [entry index, name, normalised name, words]
    this.exact = new Map();   // normalised name -> record indices
    this.postings = new Map(); // word -> record indices
    var self = this;
    entries.forEach(function (entry, e) {
      entry.names.forEach(function (name) {
        if (!name) { return; }
        var n = norm(name), words = nameWords(name, self.optional), r = self.records.length;
        self.records.push([e, name, n, words, new Set(words)]);
        (self.exact.get(n) || self.exact.set(n, []).get(n)).push(r);
        new Set(words).forEach(function (w) {
          (self.postings.get(w) || self.postings.set(w, []).get(w)).push(r);
        });
      });
    });
    this.vocabulary = Array.from(this.postings.keys()).sort();
    this.similarCache = new Map();
  }

  // kg.read.lookup._similar_words: the word and the words of `vocabulary` within a small typo of it.
  function similarWords(word, vocabulary) {
    var found = new Set([word]);
    if (word.length < TYPO_MIN_LENGTH) { return found; }
    var cw = counts(word), length = word.length;
    vocabulary.forEach(function (v) {
      if (v.length < TYPO_MIN_LENGTH || v === word) { return; }
      var shorter = Math.min(v.length, length);
      if (2 * shorter / (v.length + length) < TYPO_RATIO) { return; }
      if (quickRatio(word, cw, v) < TYPO_RATIO) { return; }
      if (ratio(v, word) >= TYPO_RATIO) { found.add(v); }
    });
    return found;
  }

  Matcher.prototype.similar = function (word) {  // within the words of every name (memoised)
    var found = this.similarCache.get(word);
    if (!found) { found = similarWords(word, this.vocabulary); this.similarCache.set(word, found); }
    return found;
  };

  function tierOf(query, qset, similar, lset) {
    var subset = query.every(function (q) { return lset.has(q); });
    if (subset) { return qset.size === lset.size && Array.from(lset).every(function (w) { return qset.has(w); }) ? 2 : 4; }
    var covered = new Set();
    for (var i = 0; i < query.length; i++) {
      var hit = false;
      similar[i].forEach(function (w) { if (lset.has(w)) { hit = true; covered.add(w); } });
      if (!hit) { return 0; }
    }
    return covered.size === lset.size ? 3 : 5;
  }

  // kg.read.lookup._best_tier over some names (record indices; null: every name): record -> tier 2-5, with
  // typos judged against the words of those names only, as the command line does.
  Matcher.prototype.tiers = function (query, records) {
    var self = this, qset = new Set(query), similar, candidates;
    if (records) {
      var vocabulary = new Set();
      records.forEach(function (r) { self.records[r][3].forEach(function (w) { vocabulary.add(w); }); });
      similar = query.map(function (w) { return similarWords(w, vocabulary); });
      candidates = records;
    } else {
      similar = query.map(function (w) { return self.similar(w); });
      var rarest = null, size = Infinity;  // the names holding a word close to the query word naming fewest
      similar.forEach(function (words) {
        var n = 0;
        words.forEach(function (w) { n += (self.postings.get(w) || []).length; });
        if (n < size) { size = n; rarest = words; }
      });
      candidates = new Set();
      rarest.forEach(function (w) { (self.postings.get(w) || []).forEach(function (r) { candidates.add(r); }); });
    }
    var found = new Map();
    candidates.forEach(function (r) {
      var tier = tierOf(query, qset, similar, self.records[r][4]);
      if (tier) { found.set(r, tier); }
    });
    return found;
  };

  // The entries whose names match `text`, best first: [{entry, tier, name}], each entry once (its best name).
  // Tiers 1-5 decide as kg.read.lookup.find_entity does: a name spelled as typed; else the names that contain
  // a word typed decide, unless all they give is tier 5; else every name. Then, for a name still being typed,
  // tiers 6 and 7.
  Matcher.prototype.find = function (text, limit) {
    var self = this, q = norm(text), best = new Map();
    if (!q) { return []; }
    function offer(r, tier) {
      var rec = self.records[r], seen = best.get(rec[0]);
      if (!seen || tier < seen.tier || (tier === seen.tier && rec[2].length < seen.length)) {
        best.set(rec[0], { entry: rec[0], tier: tier, name: rec[1], length: rec[2].length });
      }
    }
    (this.exact.get(q) || []).forEach(function (r) { offer(r, 1); });
    var query = nameWords(text, this.optional);
    if (query.length) {
      if (!best.size) {
        var holding = [];  // the names that contain a word typed (as text, any case)
        this.records.forEach(function (rec, r) {
          if (query.some(function (w) { return rec[2].indexOf(w) >= 0; })) { holding.push(r); }
        });
        var found = this.tiers(query, holding), lowest = Math.min.apply(null, Array.from(found.values()).concat([9]));
        if (lowest === 9 || lowest === 5) { found = this.tiers(query, null); }
        found.forEach(function (tier, r) { offer(r, tier); });
      }
      // a name being typed: its last word is the start of a word of the label, the others are words of it
      var last = query[query.length - 1], before = query.slice(0, -1).map(function (w) { return self.similar(w); });
      var at = lowerBound(this.vocabulary, last);
      for (var i = at; i < this.vocabulary.length && this.vocabulary[i].indexOf(last) === 0; i++) {
        (this.postings.get(this.vocabulary[i]) || []).forEach(function (r) {
          var lset = self.records[r][4];
          if (before.every(function (words) { return Array.from(words).some(function (w) { return lset.has(w); }); })) {
            offer(r, 6);
          }
        });
      }
    }
    if (q.length >= 2 && best.size < (limit || 20)) {
      this.records.forEach(function (rec, r) { if (rec[2].indexOf(q) >= 0) { offer(r, 7); } });
    }
    var entries = this.entries;
    return Array.from(best.values()).sort(function (a, b) {
      return a.tier - b.tier || a.length - b.length || (entries[a.entry].order || 0) - (entries[b.entry].order || 0) ||
        a.entry - b.entry;
    }).slice(0, limit || Infinity);
  };

  function lowerBound(sorted, value) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < value) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  return { Matcher: Matcher, norm: norm, nameWords: nameWords, ratio: ratio, fold: fold };
}());
