//! Escaping for exports, so that no user string can act on the reader's tools.

/// A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection advice): a cell
/// starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe.
pub fn csv_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Text that Markdown shows literally inside one list item or table cell: line breaks become
/// spaces (so no new item, heading or block can start), control and bidirectional-override
/// characters are dropped, and every character that could start inline markup (emphasis, code,
/// links and images, raw HTML and autolinks, entities, table cells, strikethrough) is
/// backslash-escaped.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_markdown_text(&mut out, s);
    out
}

/// [`markdown_text`], appended to `out` (no allocation when nothing needs escaping).
pub fn push_markdown_text(out: &mut String, s: &str) {
    // Fast path: plain words and punctuation that Markdown never treats as markup mid-line.
    if s.bytes().all(|b| b.is_ascii_alphanumeric() || b" .,;:'\"()/-+=?#!%$@^{}".contains(&b)) {
        out.push_str(s);
        return;
    }
    for ch in s.chars() {
        match ch {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            c => out.push(c),
        }
    }
}

/// Unicode bidirectional controls (they can make text read differently from what it is).
pub(super) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_neutralises_formula_starts() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("plain = fine"), "plain = fine");
    }

    #[test]
    fn markdown_cannot_open_links_or_html_or_new_items() {
        let s = markdown_text("a](javascript:alert(1))\n- [x] fake <script>");
        assert_eq!(s, "a\\](javascript:alert(1)) - \\[x\\] fake \\<script\\>");
        assert_eq!(markdown_text("x\u{202E}y"), "xy");
        assert_eq!(markdown_text("*a* `b` ~c~ |d| &amp;"), "\\*a\\* \\`b\\` \\~c\\~ \\|d\\| \\&amp;");
    }
}
