//! Lints catalog files on their own, without rebuilding the app:
//! `cargo run --example lint_catalog -- assets/catalog/compute.ron [more.ron ...]`.
//! Prints parse errors (file:line:column) and lint issues; exits 1 when there are any.

use srm_planner::catalog::{Catalog, lint};

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let mut cat = Catalog::default();
    let mut bad = 0;
    for f in &files {
        if let Err(e) = cat.add_user_file(std::path::Path::new(f)) {
            eprintln!("{e}");
            bad += 1;
        }
    }
    for issue in lint(&cat) {
        eprintln!("{issue}");
        bad += 1;
    }
    let todos: usize = cat.services().iter().map(|s| s.todos.len()).sum();
    println!(
        "{} service(s), {} variant(s), {} to-do(s), {} account to-do(s), {} framework(s); {} problem(s)",
        cat.services().len(),
        cat.services().iter().map(|s| s.variants.len()).sum::<usize>(),
        todos,
        cat.account_todos().len(),
        cat.frameworks().len(),
        bad
    );
    std::process::exit(if bad == 0 { 0 } else { 1 });
}
