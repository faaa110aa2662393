//! amoCRM's custom field types, read once from the `type` (definitions) or
//! `field_type` (values) amoCRM sends, as custom-fields.md lists them
//! ("Доступные типы полей"). Display, editing, the layout editor and the fake
//! match on this enum, never on the strings: a new variant is a compile error
//! wherever it matters, and a type amoCRM adds later is `Other` (shown as
//! text, never editable).

use serde::{Deserialize, Deserializer};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FieldType {
    Text,
    Numeric,
    Checkbox,
    Select,
    Multiselect,
    /// Phones and e-mails of contacts and companies (older accounts say `multiphonemail`).
    Multitext,
    Date,
    Url,
    Textarea,
    Radiobutton,
    Streetaddress,
    SmartAddress,
    Birthday,
    LegalEntity,
    DateTime,
    Price,
    Category,
    Items,
    TrackingData,
    LinkedEntity,
    ChainedList,
    Monetary,
    File,
    Payer,
    Supplier,
    /// A type this build does not know (or none was sent).
    #[default]
    Other,
}

/// Every type with amoCRM's spelling, in the documented order.
const NAMES: [(FieldType, &str); 25] = [
    (FieldType::Text, "text"),
    (FieldType::Numeric, "numeric"),
    (FieldType::Checkbox, "checkbox"),
    (FieldType::Select, "select"),
    (FieldType::Multiselect, "multiselect"),
    (FieldType::Multitext, "multitext"),
    (FieldType::Date, "date"),
    (FieldType::Url, "url"),
    (FieldType::Textarea, "textarea"),
    (FieldType::Radiobutton, "radiobutton"),
    (FieldType::Streetaddress, "streetaddress"),
    (FieldType::SmartAddress, "smart_address"),
    (FieldType::Birthday, "birthday"),
    (FieldType::LegalEntity, "legal_entity"),
    (FieldType::DateTime, "date_time"),
    (FieldType::Price, "price"),
    (FieldType::Category, "category"),
    (FieldType::Items, "items"),
    (FieldType::TrackingData, "tracking_data"),
    (FieldType::LinkedEntity, "linked_entity"),
    (FieldType::ChainedList, "chained_list"),
    (FieldType::Monetary, "monetary"),
    (FieldType::File, "file"),
    (FieldType::Payer, "payer"),
    (FieldType::Supplier, "supplier"),
];

impl FieldType {
    /// The type amoCRM spells `code`.
    pub fn parse(code: &str) -> Self {
        if code == "multiphonemail" {
            return Self::Multitext;
        }
        NAMES
            .iter()
            .find(|(_, name)| *name == code)
            .map_or(Self::Other, |(t, _)| *t)
    }

    /// amoCRM's spelling (`Other` has none: `""`).
    pub fn code(self) -> &'static str {
        NAMES
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("", |(_, name)| name)
    }
}

impl<'de> Deserialize<'de> for FieldType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<String>::deserialize(d)?
            .map(|s| Self::parse(&s))
            .unwrap_or_default())
    }
}

impl serde::Serialize for FieldType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_type_reads_back_and_an_unknown_one_is_other() {
        for (t, name) in NAMES {
            assert_eq!(FieldType::parse(name), t);
            assert_eq!(t.code(), name);
        }
        assert_eq!(FieldType::parse("multiphonemail"), FieldType::Multitext);
        assert_eq!(FieldType::parse("hologram"), FieldType::Other);
        let t: FieldType = serde_json::from_str("null").unwrap();
        assert_eq!(t, FieldType::Other);
    }
}
