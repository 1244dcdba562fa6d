package guidelines

// Codes lists every finding code the loader and the checks in this package report, sorted.
// Each has a message "diag.<code>" in every locale file.
var Codes = []string{
	"answer_needs_list", "answer_not_list", "bad_count", "bad_date", "bad_format", "bad_id",
	"bad_language", "bad_yesno", "binary", "choices_not_allowed", "coalesce_not_number", "control_char",
	"duplicate_choice", "duplicate_id", "duplicate_key", "duplicate_language", "empty",
	"empty_answer", "empty_combination", "empty_list", "empty_translation", "empty_value", "exclusive_combined", "exclusive_not_allowed",
	"expr_compile", "expr_not_bool", "extends_broken", "extends_cycle", "extends_id_taken", "extends_outcome", "extends_override", "extends_same_id", "extends_unknown", "few_choices", "future_not_allowed", "later_question", "maybe_nil", "min_gt_max",
	"minmax_not_allowed", "missing_fallback", "missing_field", "missing_translation",
	"multi_equals", "multiple_documents", "not_a_number", "not_in_answers", "number_vs_text", "out_of_range",
	"out_of_scope", "past_not_allowed", "plain_text", "read", "referral_contact_pending",
	"repeated_choice", "repeated_expected", "reserved_id", "role_self_missing", "self_reference",
	"sensitive_without_privacy", "single_equals", "special_in_list", "strength_missing_profile", "summary_without_label",
	"text_too_long", "too_deep", "too_large", "unknown_ask", "unknown_choice",
	"unknown_dimension", "unknown_evidence", "unknown_flag", "unknown_format", "unknown_guideline",
	"unknown_indicator", "unknown_key", "unknown_language", "unknown_level", "unknown_name",
	"unknown_note", "unknown_outcome", "unknown_profile", "unknown_question", "unknown_referral",
	"unknown_review", "unknown_role", "unknown_stage", "unknown_strength", "unknown_type",
	"unknown_urgency", "unknown_value", "want_bool", "want_integer", "want_list",
	"want_mapping", "want_number", "want_scalar", "want_string", "wrong_guideline",
	"yaml_alias", "yaml_syntax",
}
