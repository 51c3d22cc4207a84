//! Importing infrastructure code (design.md "Import"): CloudFormation templates (JSON or YAML,
//! SAM included) and Terraform's `terraform show -json` of a plan or a state become a laid-out
//! project, with a summary that accounts for every resource.
//!
//! One file per step: [`tree`] parses, [`cloudformation`], [`sam`] and [`terraform`] read
//! resources and references, [`classify`] asks the catalog what each is, [`assemble`] makes
//! boundaries and components and folds helpers, [`connect`] draws connections, [`layout`]
//! places everything, and [`merge`] folds a re-import into an existing project.

pub mod assemble;
pub mod classify;
pub mod cloudformation;
pub mod connect;
pub mod layout;
pub mod merge;
pub mod model;
pub mod props;
pub mod sam;
pub mod summary;
pub mod terraform;
pub mod tree;

use crate::catalog::Catalog;
use crate::project::Project;
use assemble::{Assembly, Became};
use classify::Class;
use std::collections::HashMap;
use std::fmt;
use summary::{Input, Outcome, ResourceLine, Summary};

/// Largest input read (bytes), as for projects.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// A failed import: the file, where in it (line and column from 1, 0 when unknown), and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The input.
    pub file: String,
    /// Line, from 1; 0 when the error is about the whole file.
    pub line: u32,
    /// Column, from 1.
    pub col: u32,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl ImportError {
    /// An error at a position.
    pub fn at(file: &str, line: u32, col: u32, message: impl Into<String>) -> Self {
        ImportError { file: file.to_string(), line, col, message: message.into() }
    }

    /// An error about the whole file.
    pub fn whole(file: &str, message: impl Into<String>) -> Self {
        Self::at(file, 0, 0, message)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::error::write_at(f, &self.file, self.line as usize, self.col as usize, &self.message)
    }
}

impl std::error::Error for ImportError {}

/// One input: its name (as given, for messages and `source`) and its text.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Path or name.
    pub name: String,
    /// Contents.
    pub text: String,
}

impl InputFile {
    /// Reads a file, refusing one over [`MAX_INPUT_BYTES`] or not UTF-8.
    pub fn read(path: &std::path::Path) -> Result<InputFile, ImportError> {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| ImportError::whole(&name, e.to_string()))?;
        if meta.len() > MAX_INPUT_BYTES as u64 {
            return Err(ImportError::whole(
                &name,
                format!("file is {} bytes; imports are limited to {MAX_INPUT_BYTES} (64 MiB)", meta.len()),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| ImportError::whole(&name, e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let col = upto.iter().rev().take_while(|&&b| b != b'\n').count() as u32 + 1;
            ImportError::at(&name, line, col, "not UTF-8 text")
        })?;
        Ok(InputFile { name, text })
    }
}

/// The result: a project and its summary.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The new project (or, from [`merge::merge`], the merged one).
    pub project: Project,
    /// What became of every resource.
    pub summary: Summary,
    /// Per component (same order): was its data classification read from a tag?
    pub classified_by_tag: Vec<bool>,
}

/// What kind of input a text is, and its tree.
fn detect(name: &str, text: &str) -> Result<(tree::Node, &'static str), ImportError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ImportError::whole(
            name,
            format!("input is {} bytes; imports are limited to {MAX_INPUT_BYTES} (64 MiB)", text.len()),
        ));
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = body.trim_start();
    if trimmed.is_empty() {
        return Err(ImportError::whole(name, "the file is empty"));
    }
    let root = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        tree::parse_json(name, body)?
    } else {
        tree::parse_yaml(name, body).map_err(|mut e| {
            e.message = format!("{} (the file is neither JSON nor a YAML template)", e.message);
            e
        })?
    };
    if let Some(kind) = terraform::kind_of(&root) {
        return Ok((root, if kind == terraform::Kind::Plan { "terraform-plan" } else { "terraform-state" }));
    }
    if cloudformation::looks_like(&root) {
        // A JSON template is also YAML: read that way, its warnings get lines and columns.
        if trimmed.starts_with('{')
            && let Ok(with_positions) = tree::parse_yaml(name, body)
        {
            return Ok((with_positions, "cloudformation"));
        }
        return Ok((root, "cloudformation"));
    }
    if root.get("version").is_some() && root.get("resources").is_some() && root.get("lineage").is_some() {
        return Err(ImportError::whole(
            name,
            "this is a raw Terraform state file; import the output of `terraform show -json` instead",
        ));
    }
    Err(ImportError::whole(
        name,
        "neither a CloudFormation template (no `Resources`) nor `terraform show -json` output (no `format_version`)",
    ))
}

/// Imports the inputs into a new project.
pub fn import(catalog: &Catalog, inputs: &[InputFile]) -> Result<Imported, ImportError> {
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let mut kinds = Vec::new();
    let mut resources = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    for (f, input) in inputs.iter().enumerate() {
        let (root, kind) = detect(&input.name, &input.text)?;
        let others: Vec<String> =
            names.iter().enumerate().filter(|(i, _)| *i != f).map(|(_, n)| n.clone()).collect();
        let parsed = match kind {
            "cloudformation" => cloudformation::read(f, &input.name, &root, &others, catalog.iac())?,
            "terraform-plan" => terraform::read(f, &input.name, &root, terraform::Kind::Plan)?,
            _ => terraform::read(f, &input.name, &root, terraform::Kind::State)?,
        };
        kinds.push(Input { file: input.name.clone(), kind });
        resources.extend(parsed.resources);
        skipped.extend(parsed.skipped);
        warnings.extend(parsed.warnings);
    }
    let mut index = HashMap::new();
    for (i, r) in resources.iter().enumerate() {
        index.entry((r.file, r.address.clone())).or_insert(i);
    }
    let classes: Vec<Class> = resources.iter().map(|r| classify::classify(catalog, r)).collect();
    let n = resources.len();
    let mut a = Assembly {
        catalog,
        files: names.clone(),
        resources,
        classes,
        became: vec![Became::Nothing; n],
        index,
        boundaries: Vec::new(),
        components: Vec::new(),
        component_resource: Vec::new(),
        members: Vec::new(),
        encrypted_into: Vec::new(),
        classified_by_tag: Vec::new(),
        lines: vec![None; n],
        warnings,
    };
    let mut unknown: Vec<String> = Vec::new();
    for i in 0..n {
        match &a.classes[i] {
            Class::Ignored(reason) => {
                let reason = reason.clone();
                a.lines[i] = Some(ResourceLine::new(&a, i, Outcome::Ignored, None, Some(reason)));
            }
            Class::Unknown => {
                let t = a.resources[i].rtype.clone();
                if !unknown.contains(&t) {
                    unknown.push(t);
                }
                a.lines[i] = Some(ResourceLine::new(
                    &a,
                    i,
                    Outcome::Ignored,
                    None,
                    Some("resource type not in the catalog (a user catalog can add it to a service's resource_types)".into()),
                ));
            }
            _ => {}
        }
    }
    assemble::build(&mut a);
    let connections = connect::connect(&mut a);
    if !unknown.is_empty() {
        unknown.sort();
        a.warnings.push(format!(
            "{} resource type(s) not in the catalog, left out: {}",
            unknown.len(),
            unknown.join(", ")
        ));
    }
    // Sources name the resource; when two inputs use the same address, the later ones say which file.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in 0..a.components.len() {
        let r = &a.resources[a.component_resource[c]];
        if let Some(&first) = seen.get(&r.address)
            && first != r.file
        {
            a.components[c].source = Some(format!("{}#{}", file_label(&names[r.file]), r.address));
        } else {
            seen.insert(r.address.clone(), r.file);
        }
    }
    let classified_by_tag = std::mem::take(&mut a.classified_by_tag);
    let mut components = std::mem::take(&mut a.components);
    let mut boundaries = std::mem::take(&mut a.boundaries);
    layout::layout(&mut components, &mut boundaries, &connections);
    let mut lines: Vec<ResourceLine> = a.lines.into_iter().flatten().collect();
    for s in skipped {
        lines.push(ResourceLine {
            file: names[s.file].clone(),
            address: s.address,
            rtype: s.rtype,
            outcome: Outcome::Ignored,
            into: None,
            reason: Some(s.reason),
            into_boundary: false,
        });
    }
    let stems: Vec<String> = names.iter().map(|n| file_label(n).to_string()).collect();
    let project = Project {
        name: format!("Imported: {}", stems.join(", ")),
        description: format!(
            "Imported from infrastructure code by srm-planner import: {}.",
            stems.join(", ")
        ),
        boundaries,
        components,
        connections,
        ..Project::default()
    };
    let summary = Summary {
        inputs: kinds,
        resources: lines,
        components: project.components.len(),
        boundaries: project.boundaries.len(),
        connections: project.connections.len(),
        warnings: a.warnings,
        gone: Vec::new(),
    };
    Ok(Imported { project, summary, classified_by_tag })
}

fn file_label(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
