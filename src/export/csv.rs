//! CSV export: one row per checklist item, written with the `csv` crate; every cell neutralised
//! against formula injection.

use super::Report;
use super::escape::csv_cell;
use crate::checklist::Scope;

const HEADER: [&str; 14] = [
    "id",
    "title",
    "domain",
    "priority",
    "status",
    "assignee",
    "note",
    "source",
    "components",
    "why",
    "controls",
    "other_controls",
    "prowler",
    "detail",
];

pub(super) fn render(r: &Report<'_>) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(HEADER).expect("writing to memory cannot fail");
    for item in &r.checklist.items {
        let t = &item.todo;
        let source = match &item.scope {
            Scope::Account => "account".to_string(),
            Scope::Framework(f) => format!("compliance:{f}"),
            Scope::Architecture => "architecture".to_string(),
            Scope::Service { id, .. } => format!("service:{id}"),
        };
        let components: Vec<String> =
            item.covers.iter().map(|c| format!("{} ({})", c.label, c.reason)).collect();
        let row = [
            t.id.clone(),
            t.title.clone(),
            t.domain.to_string(),
            t.priority.to_string(),
            item.state.status.to_string(),
            item.state.assignee.clone(),
            item.state.note.clone(),
            source,
            components.join("; "),
            item.why.clone(),
            t.controls.join(" "),
            t.other_controls.join(" "),
            t.prowler.join(" "),
            t.detail.clone(),
        ];
        w.write_record(row.iter().map(|c| csv_cell(c))).expect("writing to memory cannot fail");
    }
    String::from_utf8(w.into_inner().expect("flushing memory cannot fail")).expect("input was UTF-8")
}
