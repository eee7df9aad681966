// vtkMPIController: VTK's own view of the MPI job.
#include "bridge_internal.h"

#include <vtkCommunicator.h>
#include <vtkMPIController.h>

using vtkb::as;
using vtkb::give;

extern "C" {

vtkb_object vtkb_mpi_controller_new(void) {
  vtkMPIController *c = vtkMPIController::New();
  // initializedExternally = 1: MPI_Init already ran (the Swift MPI module owns it).
  c->Initialize(nullptr, nullptr, 1);
  return give(c);
}

int vtkb_controller_rank(vtkb_object c) { return as<vtkMPIController>(c)->GetLocalProcessId(); }
int vtkb_controller_size(vtkb_object c) { return as<vtkMPIController>(c)->GetNumberOfProcesses(); }
void vtkb_controller_barrier(vtkb_object c) { as<vtkMPIController>(c)->Barrier(); }

double vtkb_controller_allreduce_sum(vtkb_object c, double value) {
  double result = 0;
  as<vtkMPIController>(c)->AllReduce(&value, &result, 1, vtkCommunicator::SUM_OP);
  return result;
}

void vtkb_controller_finalize(vtkb_object c) { as<vtkMPIController>(c)->Finalize(1); }

} // extern "C"
