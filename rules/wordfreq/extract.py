"""Writes rules/wordfreq/words2.txt from wordfreq's Chinese word list.

Usage (outside the repository, with the wheel unpacked):
    pip download --no-deps -d /tmp/wf wordfreq==3.1.1
    cd /tmp/wf && unzip -q wordfreq-3.1.1-py3-none-any.whl 'wordfreq/data/large_zh.msgpack.gz'
    pip install msgpack
    python3 extract.py /tmp/wf/wordfreq/data/large_zh.msgpack.gz > words2.txt

The list is stored as wordfreq's "cB" format: a header, then buckets of
words, bucket i holding the words of frequency 10^(-i/100). Kept: words of
two CJK Unified Ideographs (U+4E00..U+9FFF) in the buckets up to MAX_CB.
"""

import gzip
import re
import sys

import msgpack

MAX_CB = 800
TWO_HAN = re.compile(r"^[\u4e00-\u9fff]{2}$")

HEADER = """\
# Two-character Chinese words and their frequency in general modern text,
# from wordfreq 3.1.1 (Robyn Speer et al., https://github.com/rspeer/wordfreq,
# file wordfreq/data/large_zh.msgpack.gz of the PyPI wheel). wordfreq's data
# is distributed under the Creative Commons Attribution-ShareAlike 4.0
# licence (https://creativecommons.org/licenses/by-sa/4.0/); so is this
# extract. Its Chinese sources: Wikipedia, subtitles (OpenSubtitles,
# SUBTLEX-CH), news, Google Books Ngrams, web text (OSCAR), social media and
# jieba's word list, tokenised with jieba.
#
# Made by rules/wordfreq/extract.py: the words of two CJK Unified
# Ideographs with a frequency of at least 10^-8 (one in a hundred million
# words: the whole of wordfreq's list, which stops there).
# Each line: the word, a tab, and its frequency in wordfreq's centibel
# scale: N means a frequency of 10^(-N/100) (300 = one in a thousand
# words, 700 = one in ten million, 800 = one in a hundred million). Sorted
# by word (code point order).
"""


def main(path):
    data = msgpack.load(gzip.open(path), raw=False)
    header, buckets = data[0], data[1:]
    assert header == {"format": "cB", "version": 1}, header
    out = {}
    for cb, words in enumerate(buckets):
        if cb > MAX_CB:
            break
        for w in words:
            if TWO_HAN.match(w) and w not in out:
                out[w] = cb
    sys.stdout.write(HEADER)
    for w in sorted(out):
        sys.stdout.write(f"{w}\t{out[w]}\n")


if __name__ == "__main__":
    main(sys.argv[1])
