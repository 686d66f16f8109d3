/**
 * Command center (运行管理中心): the officers' dashboard at {@code /command} — grids, live city events coloured by state
 * and overdue, devices, filters, state charts and an event detail panel with its timeline and photos — kept live by
 * server-sent events ({@code /command/stream}) filtered by each subscriber's {@link org.yiwang.shared.security.AccessScope}.
 * Reads other modules only through their public APIs ({@code governance.CityEvents}, {@code governance.EventCatalog},
 * {@code governance.CityEventChanged}, {@code sensing.SensorReadings}, {@code organization.OrganizationDirectory}).
 * It has no public API of its own; everything is below {@code internal}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command 运行管理中心")
package org.yiwang.command;
