"! <p class="shorttext synchronized">ZADT_VSP: a service with push events</p>
"! A service never sends frames itself. One that has something to tell the
"! client without being asked (feature push) queues it; the router takes the
"! queue after each request of the service's domain and sends the events
"! after the reply, as {"event": ..., "domain": ..., "data": ...}.
INTERFACE zif_vsp_events
  PUBLIC.

  TYPES:
    BEGIN OF ty_event,
      event TYPE string,
      data  TYPE REF TO zcl_vsp_json,
    END OF ty_event.
  TYPES ty_events TYPE STANDARD TABLE OF ty_event WITH EMPTY KEY.

  "! The queued events, oldest first; the queue is empty afterwards.
  METHODS take_events
    RETURNING
      VALUE(rt_events) TYPE ty_events.

ENDINTERFACE.
