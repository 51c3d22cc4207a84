//! Fuzzes the project loader: any bytes load or fail with a positioned error, never panic; a
//! project that loads saves to text that loads back to the same project, and the checks and every
//! export (the diagram's SVG and draw.io included) runs on it without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srm_planner::catalog::Catalog;
use srm_planner::project::{check, load_str, to_ron_string};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match load_str(text, "fuzz.ron") {
        Err(e) => assert!(e.to_string().starts_with("fuzz.ron:"), "{e}"),
        Ok(loaded) => {
            let saved = to_ron_string(&loaded.project);
            let again = load_str(&saved, "saved.ron")
                .unwrap_or_else(|e| panic!("a saved project must load again: {e}\n{saved}"));
            assert!(again.repairs.is_empty(), "a repaired project needs no repair: {:?}", again.repairs);
            assert_eq!(again.project, loaded.project, "save → load changed the project\n{saved}");
            assert_eq!(to_ron_string(&again.project), saved, "saving is not stable");
            let catalog = Catalog::builtin();
            let _ = check(&loaded.project, catalog);
            let p = &loaded.project;
            let _ = (
                srm_planner::export::markdown(catalog, p),
                srm_planner::export::csv(catalog, p),
                srm_planner::export::html(catalog, p),
                srm_planner::export::json(catalog, p),
            );
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
