"""Hidden HTML never becomes article text, whatever inline children it holds (issue 10 item 7).

The end of a hidden or dropped element undoes exactly what its start did: an inline child's end
tag (`</b>`, `</span>`, `</a>`) inside it must not end the hidden subtree early.
"""

from __future__ import annotations

import pytest

from workbench.text.html import parse_html

SHOWN = "Shown one.\n\nShown two."


@pytest.mark.parametrize(
    "hidden",
    [
        '<div style="display:none">Secret <b>bold</b> still secret <i>x</i> hidden tail.</div>',
        '<div style="display: none">a <span>b <b>c</b></span> <a href="/">d</a> tail</div>',
        '<nav>Menu <a href="/">Home</a> <span>more</span> Nav tail</nav>',
        '<div aria-hidden="true"><p>para <em>e</em></p> after para</div>',
        '<section hidden>Hidden <span>s<b>b</b></span> tail</section>',
        '<aside><span>one</span><br>two<img src="x.png"> three</aside>',
        '<div hidden><div hidden>inner <b>x</b></div> outer tail</div>',
        '<div style="display:none"><h1>Hidden heading <b>x</b></h1> tail</div>',
    ],
)
def test_hidden_subtree_with_inline_children_stays_hidden(hidden):
    text, _meta = parse_html(f"<p>Shown one.</p>{hidden}<p>Shown two.</p>")
    assert text == SHOWN


def test_text_after_a_hidden_heading_is_not_taken_for_the_title():
    _text, meta = parse_html(
        '<div hidden><h1>Hidden <b>x</b></h1></div><h1>Real title</h1><p>Body text here.</p>'
    )
    assert "Hidden" not in (meta.title or "")


def test_unclosed_inline_elements_keep_the_following_text():
    text, _meta = parse_html("<p>One <span>two <b>three</p><p>Four.</p>")
    assert "One two three" in text and "Four." in text
