#!/bin/bash
# Make the decoder's input fixtures (*.in) from the UTF-8 samples in samples/ with glibc's iconv
# (independent of ICU, which the decoder uses). Run from anywhere; commit the results.
# Expected results are the golden files *.expected, written by test_decode with
# RP_UPDATE_GOLDEN=1 and checked by hand.
set -euo pipefail
cd "$(dirname "$0")"
s=samples

cp $s/zh-hans.txt utf8.in
{ printf '\xEF\xBB\xBF'; cat $s/zh-hans.txt; } > utf8-bom.in
{ printf '\xFF\xFE'; iconv -f UTF-8 -t UTF-16LE $s/zh-hans.txt; } > utf16le-bom.in
{ printf '\xFE\xFF'; iconv -f UTF-8 -t UTF-16BE $s/zh-hans.txt; } > utf16be-bom.in
{ printf '\xFF\xFE\x00\x00'; iconv -f UTF-8 -t UTF-32LE $s/fr.txt; } > utf32le-bom.in
iconv -f UTF-8 -t UTF-16LE $s/fr.txt > utf16le-nobom.in
iconv -f UTF-8 -t GBK $s/zh-hans.txt > gbk.in
iconv -f UTF-8 -t GB18030 $s/zh-hant.txt > gb18030-hant.in
iconv -f UTF-8 -t BIG5 $s/zh-hant.txt > big5.in
iconv -f UTF-8 -t SHIFT_JIS $s/ja.txt > shift_jis.in
iconv -f UTF-8 -t CP1252 $s/fr.txt > cp1252.in
iconv -f UTF-8 -t CP1251 $s/ru.txt > cp1251.in
# Mostly ASCII with one Windows-1252 letter: not UTF-8, so the detector decides.
printf '[A]: Let us meet at the caf\xE9 at noon.\n[B]: Fine.\n' > cp1252-short.in
sed 's/$/\r/' $s/fr.txt > crlf.in
tr '\n' '\r' < $s/zh-hans.txt > cr.in
# Mixed line ends: CRLF, CR and LF in one file.
printf '[A]: one\r\n[B]: two\r[A]: three\n[B]: four\r\n' > mixed-eol.in
# Valid UTF-8 with a few invalid bytes at known places (line 1 after "你好", line 2 in "说实话",
# line 3 at the end of the line, and a sequence cut short on line 4).
{
	printf '[A]: 你好\xC3，今天\xFF\xFE我们来聊一聊。\n'
	printf '[B]: 说实\x80话，我觉得两者都有自己的魅力。\n'
	printf '[A]: 每一个细节都经过反复打磨。\xE9\n'
	printf '[B]: 现场是瞬间的艺术\xE8\x89，而录音室是时间的艺术。\n'
	cat $s/zh-hans.txt
} > invalid-utf8.in
cp invalid-utf8.in invalid-utf8-strict.in
printf '[A]: hello\n[B]: wor\0ld\n' > nul.in
# GBK with a lead byte that has no trail byte (0x81 before a space), and an explicit --encoding.
{ iconv -f UTF-8 -t GBK $s/zh-hans.txt; printf '[A]: \x81 end\n'; } > gbk-invalid.in
# Short UTF-8 with one invalid byte: still UTF-8 (one valid sequence, one invalid place).
printf '[A]: It\xE2\x80\x99s fine\xFF.\n' > utf8-one-bad.in
# A NUL after CJK text: the column counts code points.
printf '[A]: 你好\n[B]: 世界\0!\n' > nul-cjk.in
# ASCII with two stray bytes: too little for the detector to be sure of a legacy encoding, so
# UTF-8 with the bytes skipped.
printf '[A]: ok\n\xff\xfe bad bytes\n' > stray-bytes.in
