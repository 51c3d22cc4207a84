//! Fuzzes the findings readers: any bytes read as a findings file give findings or an error
//! naming the file, never a panic; what is read matches against a project without panicking,
//! counts add up (matched + unmatched = total), and every export shows the evidence.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srm_planner::catalog::Catalog;
use srm_planner::export::{Format, Report};
use srm_planner::project::{Component, ComponentId, Pos, Project};

fuzz_target!(|data: &[u8]| {
    let file = match srm_planner::evidence::read("fuzz.json", data) {
        Ok(f) => f,
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz.json"), "{e}");
            return;
        }
    };
    let comp = |id: u64, service: &str, source: &str| Component {
        id: ComponentId(id),
        service: service.into(),
        variant: None,
        label: source.into(),
        position: Pos::default(),
        internet_facing: false,
        data: Default::default(),
        notes: String::new(),
        boundary: None,
        source: Some(source.into()),
    };
    let p = Project {
        components: vec![comp(1, "s3", "aws_s3_bucket.a"), comp(2, "ec2", "aws_instance.b"), comp(3, "rds", "Db")],
        ..Project::default()
    };
    let r = Report::with_findings(Catalog::builtin(), &p, std::slice::from_ref(&file));
    let ev = r.evidence.as_ref().expect("evidence");
    assert_eq!(ev.stats.matched + ev.stats.unmatched, ev.stats.total);
    assert_eq!(ev.stats.total, file.findings.len());
    for f in Format::ALL {
        let _ = f.render_report(&r);
    }
});
