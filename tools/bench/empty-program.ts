// The floor of `npm run bench`: the smallest @pulumi/aws program, run by cmd/run exactly like ours.
import "@pulumi/aws";
