//! Exports are written as they are made: to any `io::Write`, in pieces, never as one string
//! built whole (a 200,000-component project reported as JSON once peaked at 1.1 GB for that).

mod common;
use common::*;
use srm_planner::catalog::Catalog;
use srm_planner::export::Format;
use srm_planner::project::Project;

/// Records what each `write` call gets.
#[derive(Default)]
struct Recorder {
    bytes: Vec<u8>,
    largest: usize,
    calls: usize,
}

impl std::io::Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // The HTML report's diagram is made whole by the diagram writer (src/export/diagram)
        // and handed on in one piece: the report around it is what streams.
        if !buf.starts_with(b"<svg") {
            self.largest = self.largest.max(buf.len());
        }
        self.calls += 1;
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn large() -> Project {
    let services = ["ec2", "s3", "rds", "lambda", "ecs", "dynamodb", "elb", "sqs"];
    let comps =
        (1..=3000u64).map(|i| comp(i, services[i as usize % services.len()], &format!("node {i}"))).collect();
    let links = (1..3000u64).map(|i| link(i, i + 1, i % 3 != 0)).collect();
    project(comps, links)
}

#[test]
fn every_export_streams_in_pieces_and_matches_the_text() {
    let (cat, big) = (Catalog::builtin(), large());
    // The OSCAL document is about 80 KB a component: a tenth of the project shows it streams.
    let mut small = big.clone();
    small.components.truncate(300);
    small.connections.retain(|c| c.from.0 <= 300 && c.to.0 <= 300);
    for f in Format::ALL {
        let p = if f == Format::Oscal { &small } else { &big };
        let mut rec = Recorder::default();
        // The time the OSCAL document records is fixed, so both runs give the same bytes.
        let report = || {
            let mut r = srm_planner::export::Report::build(cat, p);
            r.generated = Some("2026-12-01T12:00:00Z".into());
            r
        };
        f.write_report(&report(), &mut rec).unwrap();
        assert_eq!(String::from_utf8(rec.bytes.clone()).unwrap(), f.render_report(&report()), "{}", f.name());
        assert!(
            rec.largest * 4 < rec.bytes.len(),
            "{}: one write of {} bytes out of {}: built whole, not streamed",
            f.name(),
            rec.largest,
            rec.bytes.len()
        );
    }
}

struct Full;

impl std::io::Write for Full {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left"))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_writer_is_an_error_for_every_export() {
    let (cat, p) = (Catalog::builtin(), large());
    for f in Format::ALL {
        let e = f.write(cat, &p, &mut Full).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull, "{}", f.name());
    }
}

#[test]
fn the_html_report_embeds_the_diagram_only_up_to_a_readable_size() {
    let catalog = Catalog::builtin();
    let small = project((1..=3).map(|i| comp(i, "s3", &format!("b{i}"))).collect(), Vec::new());
    assert!(srm_planner::export::html(catalog, &small).contains("<svg"));
    let huge = project((1..=2_001).map(|i| comp(i, "s3", &format!("b{i}"))).collect(), Vec::new());
    let html = srm_planner::export::html(catalog, &huge);
    assert!(!html.contains("<svg"), "a 2,001-component diagram is not embedded");
    assert!(html.contains("Not embedded: 2001 components"), "the report says why and how to draw it");
}
