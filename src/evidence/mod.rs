//! Evidence from scanners (design.md "Evidence from scanners"): findings of Checkov
//! (`checkov -o json`), Prowler (`-M json-ocsf`) and AWS Security Hub (ASFF) read from files of
//! any size (streamed, one finding at a time), then matched to the checklist's to-dos and the
//! project's components ([`matching`]).
//!
//! One file per format: [`checkov`], [`prowler`], [`asff`]; [`stream`] walks the JSON without
//! holding it whole.

pub mod asff;
pub mod checkov;
pub mod matching;
pub mod prowler;
pub mod stream;

pub use matching::{Evidence, ResourceResult, TodoEvidence};

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// What a finding says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The check passed on the resource.
    Passed,
    /// The check failed on the resource.
    Failed,
    /// The team accepted the result (Security Hub suppressed, Prowler muted, Checkov skipped).
    Accepted,
}

impl Status {
    /// The word used in JSON and exports.
    pub fn id(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Accepted => "accepted",
        }
    }
}

/// One result of one check on one resource, as kept: the check ids are shared (a file holds
/// millions of findings and a few hundred checks) and the name only when it is not the
/// resource's last segment, so memory grows with the findings, never with the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The check: a Checkov id, a Prowler check id or a Security Hub control id.
    pub check: Arc<str>,
    /// Its result.
    pub status: Status,
    /// The resource: a Terraform address or CloudFormation logical id (Checkov), else an ARN.
    pub resource: Arc<str>,
    /// The resource's name, when the scanner gives one that is not the last segment of the
    /// resource (see [`Finding::name`]).
    name: Option<Box<str>>,
}

impl Finding {
    /// The resource's name: the one the scanner gave, else the last segment of the resource.
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or_else(|| tail(&self.resource))
    }
}

fn tail(resource: &str) -> &str {
    resource.rsplit([':', '/', '.']).next().unwrap_or(resource)
}

/// A finding as a reader makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    /// The check id.
    pub check: String,
    /// Its result.
    pub status: Status,
    /// The resource.
    pub resource: String,
    /// Its name, when given.
    pub name: Option<String>,
}

/// Which scanner wrote a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Checkov JSON.
    Checkov,
    /// Prowler JSON-OCSF.
    ProwlerOcsf,
    /// Security Hub ASFF.
    Asff,
}

impl Source {
    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Source::Checkov => "Checkov",
            Source::ProwlerOcsf => "Prowler (OCSF)",
            Source::Asff => "Security Hub (ASFF)",
        }
    }
}

/// One findings file, read.
#[derive(Debug, Clone, Default)]
pub struct FindingsFile {
    /// Its name as given.
    pub name: String,
    /// Which scanner wrote it (`None` when it held no finding at all).
    pub source: Option<Source>,
    /// Its AWS findings, duplicates removed (a failure wins over a pass of the same check on the
    /// same resource).
    pub findings: Vec<Finding>,
    /// Findings left out, with why ("other cloud", "archived", "manual check", ...), counted.
    pub skipped: Vec<(String, usize)>,
    /// Duplicates removed.
    pub duplicates: usize,
}

impl FindingsFile {
    fn skip(&mut self, why: &str) {
        match self.skipped.iter_mut().find(|(w, _)| w == why) {
            Some((_, n)) => *n += 1,
            None => self.skipped.push((why.to_string(), 1)),
        }
    }

    /// Findings left out, in all.
    pub fn skipped_total(&self) -> usize {
        self.skipped.iter().map(|(_, n)| n).sum()
    }
}

/// A findings file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceError {
    /// The file.
    pub file: String,
    /// Line (from 1; 0 when about the whole file).
    pub line: usize,
    /// Column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for EvidenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::error::write_at(f, &self.file, self.line, self.col, &self.message)
    }
}

impl std::error::Error for EvidenceError {}

/// Reads a findings file from disk, streamed: memory grows with the findings kept, not with the
/// file (a 500 MB Prowler export is read one finding at a time).
pub fn read_path(path: &std::path::Path) -> Result<FindingsFile, EvidenceError> {
    let name = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| EvidenceError {
        file: name.clone(),
        line: 0,
        col: 0,
        message: e.to_string(),
    })?;
    read(&name, std::io::BufReader::with_capacity(1 << 16, f))
}

/// Reads findings from text (tests, the fuzz target).
pub fn read_str(name: &str, text: &str) -> Result<FindingsFile, EvidenceError> {
    read(name, text.as_bytes())
}

/// Reads findings from any reader, detecting the format from the content.
pub fn read(name: &str, reader: impl std::io::Read) -> Result<FindingsFile, EvidenceError> {
    let mut file = FindingsFile { name: name.to_string(), ..Default::default() };
    // Duplicates are found by a hash of (check, resource), confirmed on the strings: the map
    // holds no copy of them, so memory stays with the findings kept.
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    let key = |f: &Finding| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        f.check.hash(&mut h);
        f.resource.hash(&mut h);
        h.finish()
    };
    let mut checks: std::collections::HashMap<String, Arc<str>> = std::collections::HashMap::new();
    let mut push = |file: &mut FindingsFile, raw: Raw| {
        let check = match checks.get(&raw.check) {
            Some(c) => c.clone(),
            None => {
                let c: Arc<str> = Arc::from(raw.check.as_str());
                checks.insert(raw.check, c.clone());
                c
            }
        };
        let name = raw.name.filter(|n| n != tail(&raw.resource)).map(String::into_boxed_str);
        let f = Finding { check, status: raw.status, resource: Arc::from(raw.resource), name };
        let k = key(&f);
        match seen
            .get(&k)
            .copied()
            .filter(|&i| file.findings[i].check == f.check && file.findings[i].resource == f.resource)
        {
            Some(i) => {
                file.duplicates += 1;
                // A failure wins over a pass; a pass over an acceptance.
                let old = &mut file.findings[i];
                if f.status == Status::Failed
                    || (f.status == Status::Passed && old.status == Status::Accepted)
                {
                    old.status = f.status;
                }
            }
            None => {
                seen.entry(k).or_insert(file.findings.len());
                file.findings.push(f);
            }
        }
    };
    let result = stream::walk(reader, |element| {
        let (source, out) = match element {
            stream::Element::TopItem(v) => classify(&v),
            stream::Element::AsffFinding(v) => (Some(Source::Asff), asff::finding(&v)),
            stream::Element::CheckovCheck(status, v) => (Some(Source::Checkov), checkov::check(&v, status)),
        };
        if file.source.is_none() {
            file.source = source;
        }
        for r in out {
            match r {
                Ok(f) => push(&mut file, f),
                Err(why) => file.skip(why),
            }
        }
    });
    match result {
        Ok(shape) => {
            if file.source.is_none() && file.findings.is_empty() && file.skipped.is_empty() && !shape.empty {
                return Err(EvidenceError {
                    file: name.into(),
                    line: 0,
                    col: 0,
                    message: "no findings: expected Checkov JSON (`checkov -o json`), Prowler JSON-OCSF (`-M json-ocsf`) \
                              or Security Hub ASFF (`{\"Findings\": [...]}`)"
                        .into(),
                });
            }
            Ok(file)
        }
        Err(e) => Err(EvidenceError {
            file: name.into(),
            line: e.line(),
            col: e.column(),
            message: match e.classify() {
                serde_json::error::Category::Eof => format!("the file ends too early (truncated?): {e}"),
                _ => format!("not valid findings JSON: {e}"),
            },
        }),
    }
}

type Results = Vec<Result<Raw, &'static str>>;

/// An element of a top-level list: a Checkov report, an OCSF finding or an ASFF finding.
fn classify(v: &serde_json::Value) -> (Option<Source>, Results) {
    if v.get("results").is_some() && (v.get("check_type").is_some() || v.get("summary").is_some()) {
        (Some(Source::Checkov), checkov::report(v))
    } else if v.get("metadata").and_then(|m| m.get("event_code")).is_some() || v.get("status_code").is_some()
    {
        (Some(Source::ProwlerOcsf), prowler::finding(v))
    } else if v.get("Compliance").is_some()
        || v.get("ProductArn").is_some()
        || v.get("SchemaVersion").is_some()
    {
        (Some(Source::Asff), asff::finding(v))
    } else {
        (None, vec![Err("not a finding of a known scanner")])
    }
}
