// 2D charts: vtkContextView, vtkChartXY, vtkPlot, vtkAxis, vtkTable.
#include "bridge_internal.h"

#include <vtkAxis.h>
#include <vtkChart.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkFloatArray.h>
#include <vtkNew.h>
#include <vtkPlot.h>
#include <vtkPlotPoints.h>
#include <vtkRenderWindow.h>
#include <vtkStringArray.h>
#include <vtkTable.h>

#include <string>

using vtkb::give;
using vtkb::share;

extern "C" {

// MARK: vtkTable

vtkb_object vtkb_table_new(void) { return give(vtkTable::New()); }

vtkb_status vtkb_table_add_float_column(vtkb_object table, const char *name, const float *values, int64_t count) {
  VTKB_CAST(vtkTable, t, table);
  if (!name || !*name) return vtkb::fail(VTKB_ERR_FAILED, __func__, "a column needs a non-empty name");
  if (count < 0 || (count > 0 && !values))
    return vtkb::fail(VTKB_ERR_FAILED, __func__, "no values for column " + std::string(name));
  // vtkTable does not check that columns agree in length; a short column would be read past its end.
  if (t->GetNumberOfColumns() > 0 && t->GetNumberOfRows() != count)
    return vtkb::fail(VTKB_ERR_FAILED, __func__,
                      "column " + std::string(name) + " has " + std::to_string(count) + " values, the table " +
                          std::to_string(t->GetNumberOfRows()) + " rows");
  if (t->GetColumnByName(name))
    return vtkb::fail(VTKB_ERR_FAILED, __func__, "the table has a column named " + std::string(name) + " already");
  vtkNew<vtkFloatArray> column;
  column->SetName(name);
  column->SetNumberOfValues(count);
  for (int64_t i = 0; i < count; i++) column->SetValue(i, values[i]);
  t->AddColumn(column);
  return VTKB_OK;
}

vtkb_status vtkb_table_rows(vtkb_object table, int64_t *out) {
  VTKB_CAST(vtkTable, t, table);
  *out = t->GetNumberOfRows();
  return VTKB_OK;
}

vtkb_status vtkb_table_columns(vtkb_object table, int64_t *out) {
  VTKB_CAST(vtkTable, t, table);
  *out = t->GetNumberOfColumns();
  return VTKB_OK;
}

// MARK: vtkContextView

vtkb_object vtkb_context_view_new(void) { return give(vtkContextView::New()); }

vtkb_status vtkb_context_view_render_window(vtkb_object view, vtkb_object *out) {
  VTKB_CAST(vtkContextView, v, view);
  *out = share(v->GetRenderWindow());
  return VTKB_OK;
}

vtkb_status vtkb_context_view_add_chart(vtkb_object view, vtkb_object chart) {
  VTKB_CAST(vtkContextView, v, view);
  VTKB_CAST(vtkChart, c, chart);
  v->GetScene()->AddItem(c);
  return VTKB_OK;
}

// MARK: vtkChartXY, vtkPlot, vtkAxis

vtkb_object vtkb_chart_xy_new(void) { return give(vtkChartXY::New()); }

vtkb_status vtkb_chart_set_title(vtkb_object chart, const char *title) {
  VTKB_CAST(vtkChart, c, chart);
  c->SetTitle(title ? title : "");
  return VTKB_OK;
}

vtkb_status vtkb_chart_add_plot(vtkb_object chart, int type, vtkb_object table, int64_t x_column, int64_t y_column,
                                vtkb_object *out) {
  VTKB_CAST(vtkChart, c, chart);
  VTKB_CAST(vtkTable, t, table);
  const int64_t columns = t->GetNumberOfColumns();
  if (x_column < 0 || x_column >= columns || y_column < 0 || y_column >= columns)
    return vtkb::fail(VTKB_ERR_FAILED, __func__,
                      "columns " + std::to_string(x_column) + ", " + std::to_string(y_column) + " of a table with " +
                          std::to_string(columns));
  vtkPlot *plot = c->AddPlot(type);
  if (!plot)
    return vtkb::fail(VTKB_ERR_FAILED, __func__,
                      std::string(c->GetClassName()) + " makes no plot of type " + std::to_string(type));
  plot->SetInputData(t, vtkIdType(x_column), vtkIdType(y_column));
  *out = share(plot);
  return VTKB_OK;
}

vtkb_status vtkb_chart_plot_count(vtkb_object chart, int64_t *out) {
  VTKB_CAST(vtkChart, c, chart);
  *out = c->GetNumberOfPlots();
  return VTKB_OK;
}

vtkb_status vtkb_chart_axis(vtkb_object chart, int position, vtkb_object *out) {
  VTKB_CAST(vtkChart, c, chart);
  vtkAxis *axis = c->GetAxis(position);
  if (!axis) return vtkb::fail(VTKB_ERR_FAILED, __func__, "no axis at position " + std::to_string(position));
  *out = share(axis);
  return VTKB_OK;
}

vtkb_status vtkb_plot_set_color(vtkb_object plot, uint8_t r, uint8_t g, uint8_t b, uint8_t a) {
  VTKB_CAST(vtkPlot, p, plot);
  p->SetColor(r, g, b, a);
  return VTKB_OK;
}

vtkb_status vtkb_plot_set_width(vtkb_object plot, float width) {
  VTKB_CAST(vtkPlot, p, plot);
  p->SetWidth(width);
  return VTKB_OK;
}

vtkb_status vtkb_axis_set_title(vtkb_object axis, const char *title) {
  VTKB_CAST(vtkAxis, a, axis);
  a->SetTitle(title ? title : "");
  return VTKB_OK;
}

vtkb_status vtkb_axis_set_log_scale(vtkb_object axis, int on) {
  VTKB_CAST(vtkAxis, a, axis);
  a->SetLogScale(on != 0);
  return VTKB_OK;
}

vtkb_status vtkb_axis_log_scale(vtkb_object axis, int *out) {
  VTKB_CAST(vtkAxis, a, axis);
  *out = a->GetLogScale() ? 1 : 0;
  return VTKB_OK;
}

vtkb_status vtkb_axis_log_scale_active(vtkb_object axis, int *out) {
  VTKB_CAST(vtkAxis, a, axis);
  *out = a->GetLogScaleActive() ? 1 : 0;
  return VTKB_OK;
}

vtkb_status vtkb_axis_unscaled_range(vtkb_object axis, double out[2]) {
  VTKB_CAST(vtkAxis, a, axis);
  a->GetUnscaledRange(out);
  return VTKB_OK;
}

vtkb_status vtkb_chart_set_show_legend(vtkb_object chart, int on) {
  VTKB_CAST(vtkChart, c, chart);
  c->SetShowLegend(on != 0);
  return VTKB_OK;
}

vtkb_status vtkb_chart_set_legend_layout(vtkb_object chart, int inside, int horizontal, int vertical) {
  VTKB_CAST(vtkChart, c, chart);
  vtkChartLegend *legend = c->GetLegend();
  if (!legend) return vtkb::fail(VTKB_ERR_FAILED, __func__, std::string(c->GetClassName()) + " has no legend");
  legend->SetInline(inside != 0);
  legend->SetHorizontalAlignment(horizontal);
  legend->SetVerticalAlignment(vertical);
  return VTKB_OK;
}

vtkb_status vtkb_plot_set_label(vtkb_object plot, const char *label) {
  VTKB_CAST(vtkPlot, p, plot);
  p->SetLabel(label ? label : "");
  return VTKB_OK;
}

vtkb_status vtkb_plot_set_marker(vtkb_object plot, int style, float size) {
  VTKB_CAST(vtkPlot, p, plot);
  // Only point-drawing plots (vtkPlotPoints and its vtkPlotLine) have markers.
  auto *points = vtkPlotPoints::SafeDownCast(p);
  if (!points)
    return vtkb::fail(VTKB_ERR_FAILED, __func__, std::string(p->GetClassName()) + " draws no markers");
  points->SetMarkerStyle(style);
  points->SetMarkerSize(size);
  return VTKB_OK;
}

vtkb_status vtkb_axis_set_custom_ticks(vtkb_object axis, const double *positions, const char *const *labels,
                                       int64_t count) {
  VTKB_CAST(vtkAxis, a, axis);
  if (count < 0 || (count > 0 && !positions))
    return vtkb::fail(VTKB_ERR_FAILED, __func__, "no tick positions");
  vtkNew<vtkDoubleArray> at;
  vtkNew<vtkStringArray> names;
  for (int64_t i = 0; i < count; i++) {
    at->InsertNextValue(positions[i]);
    if (labels) names->InsertNextValue(labels[i] ? labels[i] : "");
  }
  if (!a->SetCustomTickPositions(at, labels ? names.Get() : nullptr))
    return vtkb::fail(VTKB_ERR_FAILED, __func__, "vtkAxis::SetCustomTickPositions refused the ticks");
  return VTKB_OK;
}
} // extern "C"
