import random, safe_prose as sp
import sys
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 7)
PIECES = ["# H1", "## H2 ##", "Title\n===", "Sub\n---", "- item\n  # inner", "> quote\n> ## qh", "<div>\n*x*\n</div>",
 "a <b>b</b> c", "<!-- c -->", "<pre>\ncode", "[js](javascript:alert(1))", "<javascript:x>", "![d](data:image/png;base64,AA)",
 "[ok](https://ok.org)", "<https://ok.org>", "ftp://x.org", "xmpp:a@b.cc", "www.ok.com", "a@b.com", "[r][d]", "[d]: https://d.org",
 "[e]: javascript:x", "[e]", "x[^1]", "[^1]: fn", "```py\nx = 1", "~~~\ny", "```\nz\n```", "| a | b |\n|---|---|\n| `x|y` | <i>z</i> |",
 "- [ ] task [j](vbscript:x)", "1. one\n2. two", "    indented <b>", "text `<b>` code", "**bold** _em_", "\\<b> \\[x](javascript:y)",
 "[a [nested](javascript:x)](https://ok)", "[![img](https://i/x.png)](javascript:y)", "<a href='javascript:x'>a</a>", "&lt;b&gt;",
 "[x](<javascript:y>)", "[x]( javascript:y )", "[x](java\tscript:y)", "[x](#frag)", "[x](?q=1)", "[x](//evil)", "> - ```\n>   code",
 "é **ü** [ö](https://ö.de)", "line  \nbreak", "a\n\n\n", "* * *", "Term\n: def", "foo #", "<script>\nalert(1)\n</script>", "<?php x ?>",
 "[x]: <javascript:y> 'T'", "[link](https://a.b \"t\")", "![alt *x*](img.png \"t\")", "#5 not heading", "#\tTab heading", "> lazy\ncontinuation\n---", "- a\n- b\n\n      indented", "1) x\n   ## y", "> > deep\n> > # h",
 "# <b>html</b> in [h](javascript:x)", "Setext <i>x</i>\n===", "a\r\n# crlf\r\n", "<details>\n<summary>x</summary>\n\n# h\n</details>",
 "`` a|b `` | c\n---|---\n`` x|y `` | z", "[x]: https://ok\n[y]: ftp://bad", "- [x] done\n- [ ] [link](javascript:q)", "~~strike [a](file:///x)~~",
 "***\n# after rule", "<http://ok> <HTTPS://OK> <Mailto:a@b.c>", "[A][]\n\n[a]: https://ok", "text\n=\n", "foo\n   ---", "[x](https://ok 'title \\' q')",
 "\\# not heading", "&#35; not heading", "<!DOCTYPE html>", "<![CDATA[ x ]]>", "</div>", "<x-custom attr>", "a<br>b", "![x](JAVASCRIPT:alert`1`)"]
stats = {"verbatim": 0, "rewritten": 0, "fallback": 0}
fails = []
for i in range(3000):
    k = random.randint(1, 5)
    text = random.choice(["\n\n", "\n"]).join(random.choice(PIECES) for _ in range(k)) + random.choice(["", "\n"])
    lvl = random.choice([2, 3, 4, 7])
    out = sp.safe_prose(text, lvl)
    bad = sp.gfm_violations(out, lvl)
    assert not bad, (text, out, bad)
    if out is text: stats["verbatim"] += 1
    elif out.startswith("```") and "text\n" in out.split("\n")[0] + "\n" and out != text and sp._slow(text, lvl) == sp._fallback(text):
        stats["fallback"] += 1; fails.append((text, lvl))
    else: stats["rewritten"] += 1
print(stats)
seen=set()
for t, l in fails[:200]:
    key = t
    # minimise: find single pieces that fall back
for p in PIECES:
    for lvl in (3, 7):
        if sp._slow(p, lvl) == sp._fallback(p) and sp._needs_fix(p, lvl):
            print("FALLBACK piece:", repr(p), lvl)
for t, l in fails[:8]:
    print("---", l, repr(t))
