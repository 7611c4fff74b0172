"! <p class="shorttext synchronized">ZADT_VSP: a breakpoint condition</p>
"! The conditions the debug service checks at a stop: comparisons joined by
"! AND and OR (AND binds first), e.g. lv_index = 2 AND sy-subrc <> 0.
"! An operand is a variable of the active frame, a number, or a text in
"! 'quotes' or `backquotes`; operators are = <> < > <= >= and EQ NE LT GT
"! LE GE. Two numbers compare as numbers, anything else as text.
CLASS zcl_vsp_debug_condition DEFINITION
  PUBLIC
  FINAL
  CREATE PRIVATE.

  PUBLIC SECTION.
    "! INVALID_PARAMS when the text is not such a condition.
    CLASS-METHODS parse
      IMPORTING
        iv_condition        TYPE string
      RETURNING
        VALUE(ro_condition) TYPE REF TO zcl_vsp_debug_condition
      RAISING
        zcx_vsp_error.

    "! Reads the variables from the debugger; fails when one cannot be read.
    METHODS holds
      IMPORTING
        io_debugger     TYPE REF TO zif_vsp_debugger
      RETURNING
        VALUE(rv_holds) TYPE abap_bool
      RAISING
        zcx_vsp_error.

  PROTECTED SECTION.
  PRIVATE SECTION.
    TYPES:
      BEGIN OF ty_token,
        text   TYPE string,
        quoted TYPE abap_bool,
      END OF ty_token.
    TYPES ty_tokens TYPE STANDARD TABLE OF ty_token WITH EMPTY KEY.
    TYPES:
      BEGIN OF ty_comparison,
        "! The connector before this comparison: AND, OR, or empty for the first.
        connector TYPE string,
        left      TYPE ty_token,
        operator  TYPE string,
        right     TYPE ty_token,
      END OF ty_comparison.
    TYPES ty_comparisons TYPE STANDARD TABLE OF ty_comparison WITH EMPTY KEY.

    DATA mt_comparisons TYPE ty_comparisons.

    CLASS-METHODS tokenize
      IMPORTING
        iv_text          TYPE string
      RETURNING
        VALUE(rt_tokens) TYPE ty_tokens
      RAISING
        zcx_vsp_error.
    CLASS-METHODS operator_of
      IMPORTING
        is_token           TYPE ty_token
      RETURNING
        VALUE(rv_operator) TYPE string.
    CLASS-METHODS is_number
      IMPORTING
        iv_text          TYPE string
      RETURNING
        VALUE(rv_number) TYPE abap_bool.
    CLASS-METHODS invalid
      IMPORTING
        iv_message TYPE string
      RAISING
        zcx_vsp_error.
    METHODS value_of
      IMPORTING
        is_operand      TYPE ty_token
        io_debugger     TYPE REF TO zif_vsp_debugger
      RETURNING
        VALUE(rv_value) TYPE string
      RAISING
        zcx_vsp_error.
    METHODS compare
      IMPORTING
        iv_left         TYPE string
        iv_operator     TYPE string
        iv_right        TYPE string
      RETURNING
        VALUE(rv_holds) TYPE abap_bool.
ENDCLASS.



CLASS zcl_vsp_debug_condition IMPLEMENTATION.

  METHOD invalid.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-invalid_params
        iv_message = iv_message.
  ENDMETHOD.


  METHOD parse.
    DATA(lt_tokens) = tokenize( iv_condition ).
    IF lt_tokens IS INITIAL.
      invalid( `the condition is empty` ).
    ENDIF.
    ro_condition = NEW #( ).
    DATA(lv_index) = 1.
    DATA(lv_connector) = ``.
    DATA(lv_count) = lines( lt_tokens ).
    WHILE lv_index <= lv_count.
      IF lv_index + 2 > lv_count.
        invalid( `a comparison needs an operand, an operator and another operand` ).
      ENDIF.
      DATA(ls_left) = lt_tokens[ lv_index ].
      DATA(ls_operator) = lt_tokens[ lv_index + 1 ].
      DATA(ls_right) = lt_tokens[ lv_index + 2 ].
      DATA(lv_operator) = operator_of( ls_operator ).
      IF lv_operator IS INITIAL.
        invalid( |'{ ls_operator-text }' is not a comparison operator (= <> < > <= >=)| ).
      ENDIF.
      IF operator_of( ls_left ) IS NOT INITIAL OR operator_of( ls_right ) IS NOT INITIAL.
        invalid( `an operator stands where an operand belongs` ).
      ENDIF.
      APPEND VALUE #( connector = lv_connector left = ls_left operator = lv_operator right = ls_right )
        TO ro_condition->mt_comparisons.
      lv_index = lv_index + 3.
      IF lv_index > lv_count.
        EXIT.
      ENDIF.
      DATA(ls_connector) = lt_tokens[ lv_index ].
      lv_connector = to_upper( ls_connector-text ).
      IF ls_connector-quoted = abap_true OR ( lv_connector <> `AND` AND lv_connector <> `OR` ).
        invalid( |'{ ls_connector-text }' should be AND or OR| ).
      ENDIF.
      lv_index = lv_index + 1.
      IF lv_index > lv_count.
        invalid( |the condition ends after { lv_connector }| ).
      ENDIF.
    ENDWHILE.
  ENDMETHOD.


  METHOD tokenize.
    DATA(lv_length) = strlen( iv_text ).
    DATA(lv_pos) = 0.
    WHILE lv_pos < lv_length.
      DATA(lv_char) = substring( val = iv_text off = lv_pos len = 1 ).
      IF lv_char = ` `.
        lv_pos = lv_pos + 1.
        CONTINUE.
      ENDIF.
      IF lv_char = `'` OR lv_char = '`'.
        " A quoted text; the quote doubled stands for itself.
        DATA(lv_quote) = lv_char.
        DATA(lv_text) = ``.
        DATA(lv_closed) = abap_false.
        lv_pos = lv_pos + 1.
        WHILE lv_pos < lv_length.
          lv_char = substring( val = iv_text off = lv_pos len = 1 ).
          lv_pos = lv_pos + 1.
          IF lv_char = lv_quote.
            IF lv_pos < lv_length AND substring( val = iv_text off = lv_pos len = 1 ) = lv_quote.
              lv_text = lv_text && lv_quote.
              lv_pos = lv_pos + 1.
              CONTINUE.
            ENDIF.
            lv_closed = abap_true.
            EXIT.
          ENDIF.
          lv_text = lv_text && lv_char.
        ENDWHILE.
        IF lv_closed = abap_false.
          invalid( |the text starting with { lv_quote } is not closed| ).
        ENDIF.
        APPEND VALUE #( text = lv_text quoted = abap_true ) TO rt_tokens.
        CONTINUE.
      ENDIF.
      IF lv_char CA '<>='.
        DATA(lv_operator) = lv_char.
        lv_pos = lv_pos + 1.
        IF lv_pos < lv_length.
          DATA(lv_pair) = lv_operator && substring( val = iv_text off = lv_pos len = 1 ).
          IF lv_pair = `<=` OR lv_pair = `>=` OR lv_pair = `<>`.
            lv_operator = lv_pair.
            lv_pos = lv_pos + 1.
          ENDIF.
        ENDIF.
        APPEND VALUE #( text = lv_operator ) TO rt_tokens.
        CONTINUE.
      ENDIF.
      DATA(lv_word) = ``.
      WHILE lv_pos < lv_length.
        lv_char = substring( val = iv_text off = lv_pos len = 1 ).
        IF lv_char = ` ` OR lv_char CA `<>='`.
          EXIT.
        ENDIF.
        lv_word = lv_word && lv_char.
        lv_pos = lv_pos + 1.
      ENDWHILE.
      APPEND VALUE #( text = lv_word ) TO rt_tokens.
    ENDWHILE.
  ENDMETHOD.


  METHOD operator_of.
    IF is_token-quoted = abap_true.
      RETURN.
    ENDIF.
    CASE to_upper( is_token-text ).
      WHEN `=` OR `EQ`.
        rv_operator = `=`.
      WHEN `<>` OR `NE`.
        rv_operator = `<>`.
      WHEN `<` OR `LT`.
        rv_operator = `<`.
      WHEN `>` OR `GT`.
        rv_operator = `>`.
      WHEN `<=` OR `LE`.
        rv_operator = `<=`.
      WHEN `>=` OR `GE`.
        rv_operator = `>=`.
    ENDCASE.
  ENDMETHOD.


  METHOD is_number.
    FIND REGEX `^-?\d+(\.\d+)?$` IN iv_text.
    rv_number = xsdbool( sy-subrc = 0 AND strlen( iv_text ) <= 30 ).
  ENDMETHOD.


  METHOD holds.
    " OR of AND-groups, left to right.
    DATA(lv_group) = abap_true.
    LOOP AT mt_comparisons INTO DATA(ls_comparison).
      IF ls_comparison-connector = `OR`.
        IF lv_group = abap_true.
          rv_holds = abap_true.
          RETURN.
        ENDIF.
        lv_group = abap_true.
      ENDIF.
      IF lv_group = abap_false.
        CONTINUE.
      ENDIF.
      lv_group = compare( iv_left     = value_of( is_operand = ls_comparison-left io_debugger = io_debugger )
                          iv_operator = ls_comparison-operator
                          iv_right    = value_of( is_operand = ls_comparison-right io_debugger = io_debugger ) ).
    ENDLOOP.
    rv_holds = lv_group.
  ENDMETHOD.


  METHOD value_of.
    IF is_operand-quoted = abap_true OR is_number( is_operand-text ) = abap_true.
      rv_value = is_operand-text.
      RETURN.
    ENDIF.
    rv_value = io_debugger->variable( to_upper( is_operand-text ) )-value.
  ENDMETHOD.


  METHOD compare.
    DATA(lv_left) = condense( iv_left ).
    DATA(lv_right) = condense( iv_right ).
    DATA(lv_order) = 0.
    IF is_number( lv_left ) = abap_true AND is_number( lv_right ) = abap_true.
      DATA lv_left_number TYPE decfloat34.
      DATA lv_right_number TYPE decfloat34.
      lv_left_number = lv_left.
      lv_right_number = lv_right.
      lv_order = COND #( WHEN lv_left_number < lv_right_number THEN -1
                         WHEN lv_left_number > lv_right_number THEN 1 ).
    ELSE.
      lv_order = COND #( WHEN lv_left < lv_right THEN -1
                         WHEN lv_left > lv_right THEN 1 ).
    ENDIF.
    CASE iv_operator.
      WHEN `=`.
        rv_holds = xsdbool( lv_order = 0 ).
      WHEN `<>`.
        rv_holds = xsdbool( lv_order <> 0 ).
      WHEN `<`.
        rv_holds = xsdbool( lv_order < 0 ).
      WHEN `>`.
        rv_holds = xsdbool( lv_order > 0 ).
      WHEN `<=`.
        rv_holds = xsdbool( lv_order <= 0 ).
      WHEN `>=`.
        rv_holds = xsdbool( lv_order >= 0 ).
    ENDCASE.
  ENDMETHOD.

ENDCLASS.
