#!/usr/bin/env bash
# Writes the seed inputs of a fuzz corpus into OUTDIR (one file each). KIND is what the target
# reads: `script` (fuzz_plan, fuzz_synth; the default), `lexicon`, `cast` or `voice`.
# script seeds come from:
#   - the shared real scripts (../shared/scripts or $RP_SHARED_DIR/scripts, when present): each
#     line alone, cut to at most 400 bytes at a character boundary, and runs of three lines;
#   - the golden inputs under tests/golden/ and examples/, and each normalize case as a turn;
#   - nasty cases: control characters, U+0001, [[...]], SSML, 40-digit runs, A.B.C.D.E.F.G.H
#     chains, emoji glued to letters, invalid UTF-8, UTF-16 with a BOM, ...;
#   - the dotted chains that crash eSpeak NG 1.51 as they are (docs/espeak-ng.md
#     #dotted-abbreviation-chains; each fits fuzz_synth's 512 bytes).
# lexicon, cast and voice seeds are the shipped files (voices/lexicon/*.txt and each of their
# lines, examples/cast.ini, voices/*.ini) and hand-made files with one problem each: a missing
# TAB or section, bad values, NUL bytes, invalid UTF-8, over-long lines, CRLF and a BOM, ...
# The committed corpora (tests/fuzz/corpus/TARGET without fuzz_) are these seeds plus what the
# fuzzers found, minimized with -set_cover_merge=1 (the fewest inputs that keep every feature
# -merge=1 would keep); RADIOPLAY_FUZZ_SEEDS=1 scripts/fuzz.sh 0 merges a fresh set of seeds
# into them.
#   tests/fuzz/make_seeds.sh OUTDIR [KIND]
set -euo pipefail
out=${1:?usage: make_seeds.sh OUTDIR [script|lexicon|cast|voice]}
kind=${2:-script}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
seed() { # seed NAME < bytes: OUTDIR/NAME-HASH (same bytes, same file)
	local tmp
	tmp=$(mktemp "$out/.seed.XXXXXX")
	cat >"$tmp"
	mv "$tmp" "$out/$1-$(sha1sum <"$tmp" | cut -c1-12)"
}

nasty() { printf "$2" | seed "nasty-$1"; }

case $kind in
script) ;;
lexicon)
	for f in "$root"/voices/lexicon/*.txt; do
		seed "shipped-$(basename "$f")" <"$f"
		grep -v '^#' "$f" | grep . | while IFS= read -r line; do
			printf '%s\n' "$line" | seed "shipped-line"
		done
	done
	nasty mixed '# names\n\nen\tEilish\t[['"'"'i:lIS]]\nEN\tGIF\tjif\ncmn\t塔可夫斯基\tta3 ke3 fu1 si1 ji1\nen\tZhang Yimou\tjahng yee moe\nen\tgif\tghif\n'
	nasty crlf-bom '\357\273\277en\tLeo\tlay oh\r\n\r\n# c\r\nja\t東京\ttokyo'
	nasty missing-tab 'en\tok\tfine\nen only two\nen\tLeo\n'
	nasty empty-fields 'en\t\tx\n\tword\tx\nen\tword\t\nen\tword\t[[]]\n'
	nasty four-fields 'en\tword\ta\tb\n'
	nasty brackets 'en\tword\t[[a]b]]\nen\tword\tx[y\nen\tw\t[[x\nen\tw\tx]]\n'
	nasty phonemes 'en\tword\t[[ph\303\251]]\nen\tw\t[[a\001b]]\nen\tw\t[[h@'"'"'loU]]\n'
	nasty controls 'en\tw\tx\001y\nen\tw\tx\177\nen\tw\001x\ty\n'
	nasty nul 'en\tw\000x\ty\nen\tok\tfine\n'
	nasty invalid-utf8 '# ok\nen\tcaf\351\tcafe\ncmn\t\344\275\240\345\245\tni3\nen\t\355\240\200\tx\n'
	nasty bad-lang 'e n\tword\tx\nen_US\tw\tx\nabcdefghijklmnopq\tw\tx\n'
	nasty overlap 'en\tnew york\tnoo york\nen\tnew\tnoo\nen\tNew York City\tN Y C\ncmn\t北京\tbei3 jing1\ncmn\t北\tbei3\n'
	nasty casefold 'en\tStraße\tshtrasse\nen\tΣΊΣΥΦΟΣ\tsisyphus\nen\tİstanbul\tistanbul\n'
	printf 'en\tlong\t[[%s]]\nen\tlonger\t[[%s]]\n' "$(printf 'a%.0s' $(seq 200))" "$(printf 'a%.0s' $(seq 201))" | seed nasty-long-phonemes
	printf '' | seed empty
	exit 0 ;;
cast)
	seed shipped-cast.ini <"$root"/examples/cast.ini
	nasty cjk '; 旁白\n[cast]\n旁白 = dmitri\nZoe = eve\n小明: bruno\nMia = Clara ; inline\n'
	nasty outside 'Mia = clara\n[cast]\nLeo = dmitri\n[other]\nB = bruno\n'
	nasty unknown-preset '[cast]\nMia = nobody\nLeo = dmitri\n'
	nasty names '[cast]\n = ada\nMia =\nA]B = ada\nMia\343\200\200 = ada\nMi\ta = ada\nMia clara\n'
	nasty section '[cast\nMia = clara\n  [cast]  \n[]\nLeo = eve\n'
	nasty continuation '[cast]\nMia = clara\n   more\nLeo = dmitri\n'
	nasty nul '[cast]\nMia = cl\000ara\nLeo = eve\n'
	nasty invalid-utf8 '[cast]\n\346\227\201\347\231\275 = \377\nLeo = eve\n'
	nasty crlf-bom '\357\273\277[cast]\r\nMia = clara\r\nLeo = dmitri'
	printf '[cast]\n%s = ada\n%s = eve\n' "$(printf 'A%.0s' $(seq 64))" "$(printf 'B%.0s' $(seq 65))" | seed nasty-long-names
	printf '[cast]\nMia = %s\n' "$(printf 'x%.0s' $(seq 200))" | seed nasty-long-line
	printf '' | seed empty
	exit 0 ;;
voice)
	for f in "$root"/voices/*.ini; do
		seed "shipped-$(basename "$f")" <"$f"
		sed 's/^pitch = .*/pitch = 150/' "$f" | seed mut-pitch
		sed 's/^rate = .*/rate = 20/' "$f" | seed mut-rate
		sed 's/^cmn = .*/cmn = cmn+f3/' "$f" | seed mut-cmn
		sed '/^\[languages\]/,$d' "$f" | seed mut-no-languages
		sed 's/^en = .*/en = en us/' "$f" | seed mut-voice
	done
	nasty minimal '[voice]\nname = X\n[languages]\nen = en\n'
	nasty defaults '[Voice]\nNAME = Zoë\n[LANGUAGES]\nEN = en-gb+m7\nzh = zh\n'
	nasty keys '[voice]\ncolour = blue\ngender = robot\nrange = -1\npitch=0\nrate:450\n'
	nasty sections 'pitch = 50\n[voice]\nname = X\n[colours]\nred = 1\n[languages\nen = en\n'
	nasty langs '[voice]\nname = X\n[languages]\nen = en\nEN = en-us\nen us = en\npt-br = pt-br+f1\ncmn = cmn-latn-pinyin\n'
	nasty nul '[voice]\nname = A\000B\n[languages]\nen = en\n'
	nasty invalid-utf8 '[voice]\nname = Zo\303\253\377\n[languages]\nen = en\n'
	nasty crlf-bom '\357\273\277[voice]\r\nname = X\r\n[languages]\r\nen = en+f1'
	nasty continuation '[voice]\nname = X\n  more\n[languages]\nen = en\n    en-us\n'
	printf '[voice]\nname = %s\n[languages]\nen = en+%s\n' "$(printf 'x%.0s' $(seq 64))" "$(printf 'v%.0s' $(seq 32))" | seed nasty-long-values
	printf '[voice]\nname = %s\n' "$(printf 'x%.0s' $(seq 200))" | seed nasty-long-line
	{ printf '[voice]\nname = Many\n[languages]\n'; for l in a b c d e f g h i j k l m n o p q; do printf '%s = %s+f1\n' "$l" "$l"; done; } | seed nasty-17-languages
	printf '' | seed empty
	exit 0 ;;
*) echo "make_seeds.sh: unknown kind $kind" >&2; exit 2 ;;
esac

shared=${RP_SHARED_DIR:-$root/../shared}/scripts
for f in "$shared"/*.txt; do
	[ -f "$f" ] || continue
	stem=$(basename "$f" .txt)
	# each line alone (as a script: lines without a tag get one), at most 400 bytes
	perl -CSD -ne 'chomp; next unless /\S/; $_ = "[A]: $_" unless /^\[/;
		while (length > 0 && do { use bytes; length($_) > 400 }) { chop }
		print "$_\n\0"' "$f" |
		while IFS= read -r -d '' chunk; do printf '%s' "$chunk" | seed "$stem-line"; done
	# runs of three lines
	perl -ne 'push @l, $_; if (@l == 3) { print @l, "\0"; @l = () }' "$f" |
		while IFS= read -r -d '' chunk; do printf '%s' "$chunk" | seed "$stem-3lines"; done
done

for f in "$root"/tests/golden/decode/*.in "$root"/tests/golden/decode/samples/* \
	"$root"/tests/golden/parse/*.txt "$root"/tests/golden/spans/*.txt \
	"$root"/tests/golden/mojibake/*.txt "$root"/examples/*.txt; do
	seed "golden-$(basename "$f")" <"$f"
done
for f in "$root"/tests/golden/normalize/*.tsv; do
	grep -v '^#' "$f" | cut -f1 | grep . | while IFS= read -r input; do
		printf '[A]: %s\n' "$input" | seed "normalize-$(basename "$f" .tsv)"
	done
done

nasty controls '[A]: a\001b\002c\033[31mred\177 \302\205next\302\237\n'
nasty u0001-command '[A]: \001\00150S speak \001+10P louder\n'
nasty phonemes '[A]: say [[h@l'"'"'oU]] and [[ [[ ]] ]]\n[B]: [[a]][[b]]\n'
nasty ssml '[A]: <speak><voice xml:lang="cmn">你好</voice><break time="9999s"/></speak>\n'
nasty ssml-cmn '[B]: 我是<s xml:lang="en">film</s>的粉丝 <prosody rate="x-fast">快</prosody>\n'
nasty digits40 '[A]: 1234567890123456789012345678901234567890 and 0000000000000000000000000000000000000000.5\n[B]: 价格是1234567890123456789012345678901234567890元\n'
nasty digits-mixed '[A]: ５５５５５５５５５５５５５５５５５５５５５ 1,000,000,000,000,000,000 3.14159265358979323846264338327950288\n'
nasty dotted '[A]: A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R.S.T.U.V.W.X.Y.Z. and a.b.c.d.e.f.g.h\n[B]: 看A.B.C.D.E.F.G.H吧\n'
nasty dots '[A]: ..................................... ... . . .. 。。。。。。。。。。\n'
nasty emoji-glued '[A]: fire🔥fire🔥🔥word👍🏽ok👨‍👩‍👧‍👦family🇨🇳🇺🇸flag 1️⃣keycap\n[B]: 太好了😂😂哈哈🎬电影\n'
nasty emoticons '[A]: ¥_¥ ^_^ T_T (╯°□°)╯︵ ┻━┻ :) :-( xD <3 (^_^) (＾▽＾)\n'
nasty long-token '[A]: Supercalifragilisticexpialidociousantidisestablishmentarianismpneumonoultramicroscopic\n'
nasty invalid-utf8 '[A]: ok \200\201 bad \300\257 overlong \355\240\200 surrogate \364\220\200\200 too big \377\n'
nasty truncated-utf8 '[A]: 你好\344\275'
printf '\377\376' | cat - <(printf '[A]: hello 你好 🔥\n[B]: bye\n' | iconv -f UTF-8 -t UTF-16LE) | seed utf16le-bom
printf '\376\377' | cat - <(printf '[A]: hello 你好\r\n[B]: bye\r\n' | iconv -f UTF-8 -t UTF-16BE) | seed utf16be-bom
printf '[A]: 你好，世界。\n[B]: 再见\n' | iconv -f UTF-8 -t GBK | seed gbk
nasty nul '[A]: a\000b\n'
nasty bom-only '\357\273\277'
nasty crlf-mix '[A]: one\r\n\r\n two\r[B]：three\n\n\n[C] : \n[ D ]:four\n'
nasty long-name '[AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA]: hi\n'
nasty brackets '[[A]]: x\n[]: y\n[A]B]: z\n[A]:[B]: w\n'
nasty whitespace '[A]: \342\200\202\342\200\203\343\200\200\n\t\n[B]:\302\240\302\240a\302\240\n'
nasty bidi '[A]: \342\200\256abc\342\200\254 \342\200\213zero\357\273\277width\n'
nasty numbers-cmn '[A]: 第3次，30%%的人在2049年3月5日14:30花了$3.50，-5到+5度，5-10个，1/3，２０２４年\n'
nasty numbers-en "[A]: In '08 the 80s \$3.50 ~5 3:05 1/3 5-10 OST BBC 2049 -0 1e100 0x1F\n"
nasty lexicon '[A]: Billie Eilish, Godard and Duchamp; EILISH eilish Eilishes [[Eilish]]\n[B]: 我看塔可夫斯基的电影，塔可夫斯基2049。\n'
nasty scripts '[A]: Привет мир Γειά σου שלום مرحبا नमस्ते こんにちは안녕하세요 ไทย ქართული\n'
chain() { # chain NAME UNIT N [AFTER]: a turn of UNIT N times, then AFTER
	local t="" i
	for ((i = 0; i < $3; i++)); do t+=$2; done
	printf '[A]: %s%s\n' "$t" "${4:-}" | seed "chain-$1"
}
chain a85 'a.' 85
chain e-acute57 'é . ' 57
chain a4-comma40 'a.a.a.a., ' 40
chain ab-space50 'a.b. ' 50
chain zhe60 'ж.' 60
chain deseret40 '𐐨.' 40
chain hanzi50 '好.' 50
chain kana50 'あ.' 50
chain jamo60 'ᄀ.' 60
chain jamo-hangul30 'ㄱ.' 1 '가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가'
chain thai50 'ก๏' 50
echo "make_seeds.sh: $(ls "$out" | wc -l) seeds in $out" >&2
