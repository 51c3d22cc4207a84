//! Checklist exports through the library's renderers (`crate::export`).

use super::commands::ExportFormat;
use crate::catalog::Catalog;
use crate::project::Project;

/// The export text in `format`.
pub fn render(format: ExportFormat, catalog: &Catalog, project: &Project) -> String {
    match format {
        ExportFormat::Markdown => crate::export::markdown(catalog, project),
        ExportFormat::Csv => crate::export::csv(catalog, project),
        ExportFormat::Html => crate::export::html(catalog, project),
        ExportFormat::Json => crate::export::json(catalog, project),
    }
}
