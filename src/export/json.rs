//! JSON output of the CLI (schemas in design.md and the README).

use super::Report;
use crate::catalog::{Service, Todo, Variant};
use crate::checklist::Scope;
use crate::project::{BoundaryId, ComponentId};
use crate::vocab::{Category, Condition, DataClass, Domain, Framework, Layer, Owner, Priority, Status};
use serde::Serialize;

/// One layer of a stack.
#[derive(Serialize)]
pub struct LayerJson<'a> {
    layer: Layer,
    owner: Owner,
    #[serde(skip_serializing_if = "Option::is_none")]
    aws_part: Option<crate::vocab::AwsPart>,
    note: &'a str,
}

/// A catalog to-do as `stack --format json` shows it.
#[derive(Serialize)]
pub struct TodoJson<'a> {
    id: &'a str,
    title: &'a str,
    detail: &'a str,
    domain: Domain,
    priority: Priority,
    controls: Vec<&'a str>,
    other_controls: &'a [String],
    prowler: &'a [String],
    checkov: &'a [String],
    condition: Condition,
    /// Requirement ids per framework version (from its controls' pages, published check
    /// mappings and the to-do itself).
    requirements: std::collections::BTreeMap<String, Vec<String>>,
}

/// A to-do's requirements as JSON shows them: framework version to requirement ids.
pub(super) fn requirement_ids(
    cat: &crate::catalog::Catalog,
    t: &Todo,
) -> std::collections::BTreeMap<String, Vec<String>> {
    cat.todo_requirements(t).into_iter().map(|(fw, reqs)| (fw, reqs.into_keys().collect())).collect()
}

impl<'a> TodoJson<'a> {
    fn new(cat: &crate::catalog::Catalog, t: &'a Todo) -> Self {
        TodoJson {
            id: &t.id,
            title: &t.title,
            detail: &t.detail,
            domain: t.domain,
            priority: t.priority,
            controls: t.all_controls().collect(),
            other_controls: &t.other_controls,
            prowler: &t.prowler,
            checkov: &t.checkov,
            condition: t.condition,
            requirements: requirement_ids(cat, t),
        }
    }
}

fn layers(v: &Variant) -> Vec<LayerJson<'_>> {
    v.layers
        .entries()
        .iter()
        .map(|e| LayerJson { layer: e.layer, owner: e.owner, aws_part: e.aws_part, note: &e.note })
        .collect()
}

/// `stack --format json`: one service variant's stack, to-dos and sources.
#[derive(Serialize)]
pub struct StackJson<'a> {
    service: &'a str,
    variant: Option<&'a str>,
    name: &'a str,
    category: Category,
    layers: Vec<LayerJson<'a>>,
    todos: Vec<TodoJson<'a>>,
    sources: &'a [String],
}

/// The JSON object of `stack`: `variant` is null when the service has no variants.
pub fn stack_json<'a>(
    cat: &crate::catalog::Catalog,
    service: &'a Service,
    variant: &'a Variant,
) -> StackJson<'a> {
    StackJson {
        service: &service.id,
        variant: service.has_variants().then_some(variant.id.as_str()),
        name: &service.name,
        category: service.category_of(variant),
        layers: layers(variant),
        todos: service
            .todos
            .iter()
            .filter(|t| t.applies_to_variant(&variant.id))
            .map(|t| TodoJson::new(cat, t))
            .collect(),
        sources: &service.sources,
    }
}

#[derive(Serialize)]
struct ComponentJson<'a> {
    id: ComponentId,
    label: &'a str,
    service: &'a str,
    variant: Option<&'a str>,
    name: Option<&'a str>,
    category: Option<Category>,
    internet_facing: bool,
    data: DataClass,
    /// Its innermost boundary.
    boundary: Option<BoundaryId>,
    /// The IaC resource it was imported from.
    source: Option<&'a str>,
    /// `null` when the catalog does not know the service.
    layers: Option<Vec<LayerJson<'a>>>,
}

#[derive(Serialize)]
struct BoundaryJson<'a> {
    id: BoundaryId,
    kind: &'a str,
    label: &'a str,
    parent: Option<BoundaryId>,
    /// The service the boundary stands for (`vpc` for a VPC box), with its stack.
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    layers: Option<Vec<LayerJson<'a>>>,
}

#[derive(Serialize)]
struct CoverJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    component: Option<ComponentId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    boundary: Option<BoundaryId>,
    reason: &'a str,
}

#[derive(Serialize)]
struct ItemJson<'a, C, B, V> {
    id: &'a str,
    title: &'a str,
    detail: &'a str,
    domain: Domain,
    priority: Priority,
    source: &'static str,
    service: Option<&'a str>,
    framework: Option<Framework>,
    controls: Vec<&'a str>,
    other_controls: &'a [String],
    prowler: &'a [String],
    checkov: &'a [String],
    condition: Condition,
    requirements: std::collections::BTreeMap<String, Vec<String>>,
    why: &'a str,
    components: C,
    boundaries: B,
    coverage: V,
    status: Status,
    assignee: &'a str,
    note: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<EvidenceJson<'a>>,
}

/// A to-do's evidence (design.md "Evidence from scanners"), with what it suggests.
#[derive(Serialize)]
struct EvidenceJson<'a> {
    passed: usize,
    failed: usize,
    accepted: usize,
    /// `mark-done` when every resource passes and the item is not done yet; `failing` when some
    /// resource fails; never applied to the status.
    suggests: &'static str,
    resources: &'a [crate::evidence::ResourceResult],
}

#[derive(Serialize)]
struct FindingsJson<'a> {
    files: usize,
    total: usize,
    matched: usize,
    unmatched: usize,
    sources: &'a [crate::evidence::matching::FileSummary],
    unmatched_findings: Vec<UnmatchedJson<'a>>,
}

#[derive(Serialize)]
struct UnmatchedJson<'a> {
    check: &'a str,
    resource: &'a str,
}

#[derive(Serialize)]
struct ProblemJson {
    severity: &'static str,
    component: Option<ComponentId>,
    message: String,
}

#[derive(Serialize)]
struct ProgressJson {
    done: usize,
    total: usize,
}

#[derive(Serialize)]
struct ReportJson<'a, B, C, T, P> {
    project: &'a str,
    description: &'a str,
    compliance: &'a [Framework],
    boundaries: B,
    components: C,
    todos: T,
    progress: ProgressJson,
    problems: P,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<FindingsJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    framework: Option<FrameworkJson<'a>>,
}

/// `report --framework`: the requirements the design addresses and those it does not.
#[derive(Serialize)]
struct FrameworkJson<'a> {
    id: &'a str,
    name: &'a str,
    listed: &'a str,
    requirements: Vec<RequirementJson<'a>>,
    not_addressed: Vec<NotAddressedJson<'a>>,
}

#[derive(Serialize)]
struct RequirementJson<'a> {
    id: &'a str,
    title: &'a str,
    status: Status,
    responsibility: &'static str,
    todos: Vec<&'a str>,
    components: &'a [ComponentId],
    via: &'a [String],
    aws_provides: &'a [String],
}

#[derive(Serialize)]
struct NotAddressedJson<'a> {
    id: &'a str,
    title: &'a str,
}

/// What the evidence suggests for an item: `mark-done`, `failing`, `done` (already marked) or
/// `none` (no finding).
pub fn suggestion(e: Option<&crate::evidence::TodoEvidence>, status: Status) -> &'static str {
    match e {
        Some(t) if t.failed > 0 => "failing",
        Some(t) if t.all_pass() && status != Status::Done => "mark-done",
        Some(t) if t.all_pass() => "done",
        _ => "none",
    }
}

/// A list serialised from an iterator made on demand: nothing is collected, so a report of
/// 200,000 components streams out without its JSON objects ever being in memory together.
pub(super) struct Lazy<F>(pub(super) F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// `report --format json`, pretty-printed, ending in a newline.
pub fn report_json(r: &Report<'_>) -> String {
    let mut out = Vec::new();
    write_report(r, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`report_json`], written to `out` as it is made.
pub fn write_report(r: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let components = Lazy(|| {
        r.stacks.iter().map(|(c, s)| ComponentJson {
            id: c.id,
            label: &c.label,
            service: &c.service,
            variant: s.as_ref().map_or(c.variant.as_deref(), |s| s.variant_id()),
            name: s.as_ref().map(|s| s.service.name.as_str()),
            category: s.as_ref().map(|s| s.category()),
            internet_facing: c.internet_facing,
            data: c.data,
            boundary: c.boundary,
            source: c.source.as_deref(),
            layers: s.as_ref().map(|s| layers(s.variant)),
        })
    });
    let boundaries = Lazy(|| {
        r.project.boundaries.iter().map(|b| {
            let stack = r.boundary_stacks.iter().find(|(x, _)| x.id == b.id).and_then(|(_, s)| *s);
            BoundaryJson {
                id: b.id,
                kind: &b.kind,
                label: &b.label,
                parent: b.parent,
                service: stack.map(|(svc, _)| svc.id.as_str()),
                layers: stack.map(|(_, v)| layers(v)),
            }
        })
    });
    let todos = Lazy(|| {
        r.checklist.items.iter().map(|i| {
            let (source, service, framework) = match &i.scope {
                Scope::Account => ("account", None, None),
                Scope::Framework(f) => ("compliance", None, Some(*f)),
                Scope::Architecture => ("architecture", None, None),
                Scope::Service { id, .. } => ("service", Some(id.as_str()), None),
            };
            ItemJson {
                id: &i.todo.id,
                title: &i.todo.title,
                detail: &i.todo.detail,
                domain: i.todo.domain,
                priority: i.todo.priority,
                source,
                service,
                framework,
                controls: i.todo.all_controls().collect(),
                other_controls: &i.todo.other_controls,
                prowler: &i.todo.prowler,
                checkov: &i.todo.checkov,
                condition: i.todo.condition,
                requirements: requirement_ids(r.catalog, &i.todo),
                why: &i.why,
                components: Lazy(move || i.components()),
                boundaries: Lazy(move || i.boundaries()),
                coverage: Lazy(move || {
                    i.covers.iter().map(|c| CoverJson {
                        component: c.subject.component(),
                        boundary: c.subject.boundary(),
                        reason: &c.reason,
                    })
                }),
                status: i.state.status,
                assignee: &i.state.assignee,
                note: &i.state.note,
                evidence: r.evidence.as_ref().map(|e| match e.todo(&i.todo.id) {
                    Some(t) => EvidenceJson {
                        passed: t.passed,
                        failed: t.failed,
                        accepted: t.accepted,
                        suggests: suggestion(Some(t), i.state.status),
                        resources: &t.resources,
                    },
                    None => {
                        EvidenceJson { passed: 0, failed: 0, accepted: 0, suggests: "none", resources: &[] }
                    }
                }),
            }
        })
    });
    let (done, total) = r.checklist.progress();
    let problems = Lazy(|| {
        r.problems.iter().map(|p| ProblemJson {
            severity: match p.severity {
                crate::project::Severity::Warning => "warning",
                crate::project::Severity::Error => "error",
            },
            component: p.component,
            message: p.message.clone(),
        })
    });
    let json = ReportJson {
        project: &r.project.name,
        description: &r.project.description,
        compliance: &r.project.compliance,
        boundaries,
        components,
        todos,
        progress: ProgressJson { done, total },
        problems,
        findings: r.evidence.as_ref().map(|e| FindingsJson {
            files: e.stats.files,
            total: e.stats.total,
            matched: e.stats.matched,
            unmatched: e.stats.unmatched,
            sources: &e.files,
            unmatched_findings: e
                .unmatched
                .iter()
                .map(|(c, r)| UnmatchedJson { check: c, resource: r })
                .collect(),
        }),
        framework: r.framework.as_ref().map(|f| FrameworkJson {
            id: &f.version.id,
            name: &f.version.name,
            listed: &f.version.listed,
            requirements: f
                .rows
                .iter()
                .map(|row| RequirementJson {
                    id: &row.id,
                    title: &row.title,
                    status: row.status,
                    responsibility: row.responsibility.id(),
                    todos: row.items.iter().map(|&i| r.checklist.items[i].todo.id.as_str()).collect(),
                    components: &row.components,
                    via: &row.via,
                    aws_provides: &row.aws_provides,
                })
                .collect(),
            not_addressed: f
                .not_addressed
                .iter()
                .map(|q| NotAddressedJson { id: &q.id, title: &q.title })
                .collect(),
        }),
    };
    write_pretty(out, &json)
}

/// Writes `value` as pretty JSON followed by a newline. Strings are exact once parsed, and the
/// bytes carry no raw control or bidirectional character (the rule of [`crate::text`]): those
/// serde_json leaves as they are (DEL, C1, overrides, line separators) are written as `\u`
/// escapes, so the output is safe to show on a terminal.
pub fn write_pretty<W: std::io::Write, T: Serialize + ?Sized>(out: W, value: &T) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(std::io::Error::from)?;
    let mut out = ser.into_inner();
    out.write_all(b"\n")
}

use serde_json::ser::{Formatter, PrettyFormatter};

/// serde_json's pretty layout, with the unsafe characters of [`crate::text`] escaped in strings.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if crate::text::is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                // Every such character is in the Basic Multilingual Plane.
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}
