INCLUDE lzvsp_faketop.
INCLUDE lzvsp_fakeuxx.
