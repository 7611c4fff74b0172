package standard

// ZWSR_PARTNER exists only in the simulator: a customer table in the style of
// a business partner master whose line (635 characters) is wider than the
// 512-character DATA line of RFC_READ_TABLE, as KNA1, MARA or BUT000 are on a
// real system. None of the flight model's tables is that wide, and a real wide
// table would drag in dozens of fields that mean nothing without their
// application. Its key PARTNER has the data element BU_PARTNER, whose domain
// has the conversion exit ALPHA, so 4711 is stored as '0000004711'. Its
// authorization group ZWSR lets tests see RFC_READ_TABLE's NOT_AUTHORIZED. Its
// rows (sim/ddic/rows/zwsr_partner.csv) give every flight customer a partner whose
// notes fill their fields, so that every row really is wider than 512 characters.

// partnerAuthGroup is ZWSR_PARTNER's table authorization group.
const partnerAuthGroup = "ZWSR"
