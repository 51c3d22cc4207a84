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

/// Writes the rows to `out` as they are made.
pub(super) fn write(r: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    // With findings, three columns more: what they say, what that suggests, what fails.
    let with_evidence = r.evidence.is_some();
    // For one framework, the requirement ids each item addresses come first among the extras.
    let reqs = r.framework.as_ref().map(|f| f.requirements_by_todo(&r.checklist));
    let extra = ["evidence", "evidence_suggests", "evidence_failing"];
    let req_col = ["requirements"];
    let req_header: &[&str] = if reqs.is_some() { &req_col } else { &[] };
    let ev_header: &[&str] = if with_evidence { &extra } else { &[] };
    w.write_record(HEADER.iter().chain(req_header).chain(ev_header)).map_err(io_error)?;
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
        let req_cells: Vec<String> = match &reqs {
            Some(m) => vec![m.get(t.id.as_str()).map(|v| v.join(" ")).unwrap_or_default()],
            None => Vec::new(),
        };
        let row: Vec<String> = row.into_iter().chain(req_cells).collect();
        if with_evidence {
            let e = r.evidence_of(&t.id);
            let failing: Vec<&str> = e
                .map(|e| {
                    e.resources
                        .iter()
                        .filter(|x| x.status == crate::evidence::Status::Failed)
                        .map(|x| &*x.id)
                        .collect()
                })
                .unwrap_or_default();
            let more = [
                e.map(|e| e.summary()).unwrap_or_default(),
                super::suggestion(e, item.state.status).to_string(),
                failing.join(" "),
            ];
            w.write_record(row.iter().chain(&more).map(|c| csv_cell(c))).map_err(io_error)?;
        } else {
            w.write_record(row.iter().map(|c| csv_cell(c))).map_err(io_error)?;
        }
    }
    w.flush()
}

/// The writer's own error when there is one (a full disk stays a full disk).
pub(super) fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}
