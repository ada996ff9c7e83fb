// The floor of `npm run bench`: the smallest @pulumi/aws program, started exactly like ours.
import "@pulumi/aws";
