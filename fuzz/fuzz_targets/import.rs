//! Fuzzes the importer: any bytes given as a template or plan import, or are refused with a
//! message naming the file (and a line and column when the error has one), never a panic. What
//! is imported accounts for every resource, keeps ids unique, makes a project that saves and
//! loads back without repairs, and re-imports into itself without losing a component.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srm_planner::catalog::Catalog;
use srm_planner::import::{InputFile, import, merge::merge};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let input = InputFile { name: "fuzz.yaml".into(), text: text.to_string() };
    match import(Catalog::builtin(), std::slice::from_ref(&input)) {
        Err(e) => assert!(e.to_string().starts_with("fuzz.yaml"), "{e}"),
        Ok(r) => {
            let p = &r.project;
            assert_eq!(r.summary.components, p.components.len());
            let ids: std::collections::HashSet<_> = p.components.iter().map(|c| c.id).collect();
            assert_eq!(ids.len(), p.components.len());
            for c in &p.components {
                assert!(c.position.x.is_finite() && c.position.y.is_finite());
            }
            let saved = srm_planner::project::to_ron_string(p);
            let loaded = srm_planner::project::load_str(&saved, "fuzz.ron").expect("an imported project loads");
            assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
            let again = merge(p, r.clone());
            assert_eq!(again.project.components.len(), p.components.len(), "a re-import of the same code adds nothing");
            assert!(again.summary.gone.is_empty());
        }
    }
});
