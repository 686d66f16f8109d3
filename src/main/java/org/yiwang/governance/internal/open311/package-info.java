/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at {@code /open311/v2/}: discovery, services (the event
 * catalog's subclasses), service definitions, requests (POST through the one entrance 统一入口, GET with filters) and
 * tokens, in JSON and XML; API keys of the posting systems.
 */
package org.yiwang.governance.internal.open311;
