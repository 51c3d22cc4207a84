//! Fuzzes the project loader and the exports: any bytes load or fail with a positioned error,
//! never panic; a project that loads saves to text that loads back to the same project; the
//! fast reader of the subset we write agrees with the general parser; the
//! checks run on it, every export (Markdown, CSV, HTML, JSON, OSCAL, the matrix) parses back as its format and
//! carries no raw control or bidirectional character (srm_planner::text), and the diagram's SVG
//! and draw.io render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srm_planner::catalog::Catalog;
use srm_planner::export::Format;
use srm_planner::project::{check, load_str, to_ron_string};

/// Characters a format may use for its own layout.
fn layout(f: Format) -> &'static [char] {
    match f {
        Format::Md | Format::Json | Format::Oscal => &['\n'],
        // Line feeds and tabs of user text stay in CSV cells and HTML paragraphs (the rule of
        // `text`, `Lines::Keep`): they cannot start a row or a tag there.
        Format::Csv | Format::Crm => &['\n', '\r', '\t'],
        Format::Html => &['\n', '\t'],
    }
}

fn assert_parses_back(f: Format, text: &str) {
    match f {
        Format::Json | Format::Oscal => {
            serde_json::from_str::<serde_json::Value>(text).unwrap_or_else(|e| panic!("JSON does not parse: {e}"));
        }
        Format::Csv | Format::Crm => {
            let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
            let widths: Vec<usize> =
                r.records().map(|x| x.unwrap_or_else(|e| panic!("CSV does not parse: {e}")).len()).collect();
            assert!(widths.windows(2).all(|w| w[0] == w[1]), "CSV rows differ in width: {widths:?}");
        }
        Format::Html => {
            // Every `<` opens one of the page's own tags; user text is all escaped.
            for (i, _) in text.match_indices('<') {
                let rest = &text[i + 1..];
                assert!(
                    rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!'),
                    "raw `<` in HTML at {i}"
                );
            }
            assert!(text.trim_end().ends_with("</html>"));
        }
        Format::Md => {
            assert!(text.starts_with("# Security checklist: "), "the title line is first");
            // Line structure: the title, the description (one line), then our own lines.
            for line in text.lines().skip(3) {
                assert!(
                    line.is_empty()
                        || line.starts_with(['#', '-', '|', ' '])
                        || line.starts_with("A = AWS")
                        || line.split(' ').next().is_some_and(|w| w.parse::<usize>().is_ok()),
                    "a user string started a line: {line:?}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The fast reader of the subset we write and the general parser agree on every input.
    let general = srm_planner::project::load_str_general(text, "fuzz.ron");
    match (load_str(text, "fuzz.ron"), general) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.project, b.project, "fast and general parsers differ");
            assert_eq!(a.repairs, b.repairs);
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("fast {:?} vs general {:?}", a.is_ok(), b.is_ok()),
    }
    match load_str(text, "fuzz.ron") {
        Err(e) => assert!(e.to_string().starts_with("fuzz.ron:"), "{e}"),
        Ok(loaded) => {
            for r in &loaded.repairs {
                assert!(r.position.is_some(), "a repair without a position: {r}");
            }
            let saved = to_ron_string(&loaded.project);
            let again = load_str(&saved, "saved.ron")
                .unwrap_or_else(|e| panic!("a saved project must load again: {e}\n{saved}"));
            assert!(again.repairs.is_empty(), "a repaired project needs no repair: {:?}", again.repairs);
            assert_eq!(again.project, loaded.project, "save → load changed the project\n{saved}");
            assert_eq!(to_ron_string(&again.project), saved, "saving is not stable");
            let catalog = Catalog::builtin();
            let _ = check(&loaded.project, catalog);
            let p = &loaded.project;
            for f in Format::ALL {
                let out = f.render(catalog, p);
                let bad: Vec<char> = out
                    .chars()
                    .filter(|c| !layout(f).contains(c) && srm_planner::text::is_unsafe(*c))
                    .collect();
                assert!(bad.is_empty(), "{}: raw {bad:?}", f.name());
                assert_parses_back(f, &out);
            }
            // The diagram (vector formats; the PNG is too slow for a fuzz loop) draws any
            // loaded project, boundaries and all.
            let options = srm_planner::export::diagram::Options::default();
            for format in [srm_planner::export::diagram::DiagramFormat::Svg, srm_planner::export::diagram::DiagramFormat::Drawio] {
                let bytes = format.render(catalog, p, &options).expect("vector diagrams always render");
                assert!(std::str::from_utf8(&bytes).is_ok());
            }
        }
    }
});
