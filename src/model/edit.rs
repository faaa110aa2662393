//! Editing a field from the card (#29): which field a row edits, the control
//! its sheet shows, and what the form starts from. `/api/edit_field` takes
//! `field` as [`EditField::code`] spells it.

/// The field an edit changes: the record's own amounts and dates, or a custom field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditField {
    /// A lead's budget.
    Price,
    /// A customer's next purchase: its amount and its date.
    NextPrice,
    NextDate,
    Custom(i64),
}

impl EditField {
    /// The name in `data-editable` and in `/api/edit_field`'s `field`.
    pub fn code(self) -> String {
        match self {
            EditField::Price => "price".to_owned(),
            EditField::NextPrice => "next_price".to_owned(),
            EditField::NextDate => "next_date".to_owned(),
            EditField::Custom(id) => id.to_string(),
        }
    }

    pub fn parse(raw: &str) -> Option<EditField> {
        match raw.trim() {
            "price" => Some(EditField::Price),
            "next_price" => Some(EditField::NextPrice),
            "next_date" => Some(EditField::NextDate),
            other => other
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(EditField::Custom),
        }
    }
}

/// Longest texts amoCRM keeps in a text, long text and URL field.
pub const TEXT_MAX_CHARS: usize = 256;
pub const TEXTAREA_MAX_CHARS: usize = 4000;
pub const URL_MAX_CHARS: usize = 2000;

/// One option of a select, radio button or multiselect field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: i64,
    pub label: String,
}

/// The control an edit sheet shows, by the field's amoCRM type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    Text,
    Textarea,
    Url,
    /// A decimal number (numeric fields).
    Number,
    /// A whole amount: the numeric keypad.
    Money,
    /// One option (select, radio button).
    One(Vec<Choice>),
    /// Any number of options (multiselect).
    Many(Vec<Choice>),
    Checkbox,
    Date,
    DateTime,
}

impl Control {
    /// The label of `amo_card_field_edits_total` (`type`).
    pub fn label(&self) -> &'static str {
        match self {
            Control::Text => "text",
            Control::Textarea => "textarea",
            Control::Url => "url",
            Control::Number => "numeric",
            Control::Money => "price",
            Control::One(_) => "select",
            Control::Many(_) => "multiselect",
            Control::Checkbox => "checkbox",
            Control::Date => "date",
            Control::DateTime => "date_time",
        }
    }

    /// The most characters a text control takes.
    pub fn max_chars(&self) -> Option<usize> {
        match self {
            Control::Text => Some(TEXT_MAX_CHARS),
            Control::Textarea => Some(TEXTAREA_MAX_CHARS),
            Control::Url => Some(URL_MAX_CHARS),
            _ => None,
        }
    }
}

/// What a row's edit sheet needs: the field, its control, the value it
/// starts from (in the form's spelling, as `/api/edit_field` takes `value`)
/// and the record's `updated_at` the card showed (`seen`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditSpec {
    pub field: EditField,
    pub control: Control,
    pub value: String,
    pub seen: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_as_the_form_writes_them() {
        for f in [
            EditField::Price,
            EditField::NextPrice,
            EditField::NextDate,
            EditField::Custom(108),
        ] {
            assert_eq!(EditField::parse(&f.code()), Some(f));
        }
        for bad in ["", "0", "-3", "budget", "1.5"] {
            assert_eq!(EditField::parse(bad), None, "{bad}");
        }
    }
}
