//! Walks a findings file without holding it: serde_json's streaming deserializer with visitors
//! that hand over one finding (or one Checkov report) at a time, so memory stays bounded by the
//! largest single element whatever the file's size. Nesting deeper than serde_json's limit
//! (128) is refused.

use super::Status;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// One element handed over.
pub enum Element {
    /// An item of a top-level list (an OCSF or ASFF finding, or a Checkov report).
    TopItem(Value),
    /// An item of ASFF's `Findings` list.
    AsffFinding(Value),
    /// A check of a single Checkov report's `results`.
    CheckovCheck(Status, Value),
}

/// What the walk saw of the file's shape.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    /// A list or map with nothing in it (a scan with no findings).
    pub empty: bool,
}

/// Walks the JSON in `reader`, calling `f` with each element.
pub fn walk(reader: impl std::io::Read, mut f: impl FnMut(Element)) -> Result<Shape, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let shape = Top { f: &mut f }.deserialize(&mut de)?;
    de.end()?;
    Ok(shape)
}

struct Top<'a> {
    f: &'a mut dyn FnMut(Element),
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = Shape;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list or an object of findings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let mut n = 0usize;
        while let Some(v) = seq.next_element::<Value>()? {
            n += 1;
            (self.f)(Element::TopItem(v));
        }
        Ok(Shape { empty: n == 0 })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut keys = 0usize;
        while let Some(key) = map.next_key::<String>()? {
            keys += 1;
            match key.as_str() {
                "Findings" => {
                    map.next_value_seed(List { f: &mut *self.f, make: |v| Element::AsffFinding(v) })?
                }
                "results" => map.next_value_seed(CheckovResults { f: &mut *self.f })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Shape { empty: keys == 0 })
    }
}

struct List<'a, M: Fn(Value) -> Element> {
    f: &'a mut dyn FnMut(Element),
    make: M,
}

impl<'de, M: Fn(Value) -> Element> DeserializeSeed<'de> for List<'_, M> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, M: Fn(Value) -> Element> Visitor<'de> for List<'_, M> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of findings")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(v) = seq.next_element::<Value>()? {
            (self.f)((self.make)(v));
        }
        Ok(())
    }
}

struct CheckovResults<'a> {
    f: &'a mut dyn FnMut(Element),
}

impl<'de> DeserializeSeed<'de> for CheckovResults<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CheckovResults<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Checkov's results: passed_checks, failed_checks, skipped_checks")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let status = match key.as_str() {
                "passed_checks" => Status::Passed,
                "failed_checks" => Status::Failed,
                "skipped_checks" => Status::Accepted,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            map.next_value_seed(List { f: &mut *self.f, make: move |v| Element::CheckovCheck(status, v) })?;
        }
        Ok(())
    }
}
