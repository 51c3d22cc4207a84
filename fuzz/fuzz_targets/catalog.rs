//! Fuzzes user catalogs: any text added to the built-in catalog loads, or each problem is
//! refused with file, line and column, never a panic; what is accepted follows the catalog's
//! rules (the lint finds nothing wrong with any service), the built-in services it does not
//! replace are untouched, and a project using every service reports in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srm_planner::catalog::{Catalog, Origin, lint};
use srm_planner::export::Format;
use srm_planner::project::{Component, ComponentId, Pos, Project};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let builtin = Catalog::builtin();
    let mut cat = builtin.clone();
    for e in cat.add_user_text_checked("fuzz.ron", text) {
        assert!(e.to_string().starts_with("fuzz.ron:"), "{e}");
        assert!(e.line.is_some() && e.column.is_some(), "no position: {e}");
    }
    let issues: Vec<String> =
        lint(&cat).into_iter().filter(|i| i.place.starts_with("service `")).map(|i| i.to_string()).collect();
    assert!(issues.is_empty(), "an accepted service breaks the rules: {issues:?}");
    for s in builtin.services() {
        if matches!(cat.origin(&s.id), Some(Origin::BuiltIn(_))) {
            assert_eq!(cat.service(&s.id), Some(s), "built-in `{}` changed", s.id);
        }
    }
    let components = cat
        .services()
        .iter()
        .filter(|s| matches!(cat.origin(&s.id), Some(Origin::User(_))))
        .enumerate()
        .map(|(i, s)| Component {
            id: ComponentId(i as u64 + 1),
            service: s.id.clone(),
            variant: s.variants.last().map(|v| v.id.clone()),
            label: s.name.clone(),
            position: Pos::default(),
            internet_facing: i % 2 == 0,
            data: Default::default(),
            notes: String::new(),
            boundary: None,
            source: None,
        })
        .collect();
    let p = Project { components, ..Project::default() };
    for f in Format::ALL {
        let _ = f.render(&cat, &p);
    }
});
