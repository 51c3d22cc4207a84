//! The built-in catalog follows the catalog rules (assets/CATALOG.md, design.md).

use srm_planner::catalog::{Catalog, lint};

#[test]
fn builtin_catalog_parses_and_passes_the_lint() {
    let cat = Catalog::load_builtin().unwrap_or_else(|e| panic!("{e}"));
    let issues = lint(&cat);
    let text: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
    assert!(issues.is_empty(), "{} catalog lint issue(s):\n{}", issues.len(), text.join("\n"));
}
