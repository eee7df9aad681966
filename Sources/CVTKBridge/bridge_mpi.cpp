// vtkMPIController: VTK's own view of the MPI job.
#include "bridge_internal.h"

#include <vtkCommunicator.h>
#include <vtkMPIController.h>

using vtkb::give;

extern "C" {

vtkb_object vtkb_mpi_controller_new(void) {
  vtkMPIController *c = vtkMPIController::New();
  // initializedExternally = 1: MPI_Init already ran (the Swift MPI module owns it).
  c->Initialize(nullptr, nullptr, 1);
  return give(c);
}

vtkb_status vtkb_controller_rank(vtkb_object controller, int *out) {
  VTKB_CAST(vtkMPIController, c, controller);
  *out = c->GetLocalProcessId();
  return VTKB_OK;
}

vtkb_status vtkb_controller_size(vtkb_object controller, int *out) {
  VTKB_CAST(vtkMPIController, c, controller);
  *out = c->GetNumberOfProcesses();
  return VTKB_OK;
}

vtkb_status vtkb_controller_barrier(vtkb_object controller) {
  VTKB_CAST(vtkMPIController, c, controller);
  c->Barrier();
  return VTKB_OK;
}

vtkb_status vtkb_controller_allreduce_sum(vtkb_object controller, double value, double *out) {
  VTKB_CAST(vtkMPIController, c, controller);
  double result = 0;
  c->AllReduce(&value, &result, 1, vtkCommunicator::SUM_OP);
  *out = result;
  return VTKB_OK;
}

vtkb_status vtkb_controller_finalize(vtkb_object controller) {
  VTKB_CAST(vtkMPIController, c, controller);
  c->Finalize(1);
  return VTKB_OK;
}

} // extern "C"
